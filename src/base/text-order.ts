/**
 * `a.localeCompare(b)` without ICU for the strings the library sorts (construct paths, Terraform
 * addresses, instance types, profile names). The first `localeCompare` creates an ICU collator
 * and pages in its data (about 2 MB of resident memory); for printable ASCII the root collation
 * it applies is simple enough to spell out, and anything else goes to ICU's collation for `en`, which
 * is the root collation untailored: never the machine's locale (V8 resolves `und` to it), so LANG
 * (en_US, sv_SE) does not change an order.
 *
 * Root collation on printable ASCII: primary weights in the order below (punctuation and
 * symbols first, then digits, then letters with case ignored), compared over the whole string
 * with a proper prefix first; then, between strings equal at that level, lower case before
 * upper case at the first position where they differ.
 */
const PRIMARY_ORDER = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz";

const PRIMARY = new Uint8Array(128);
for (let i = 0; i < PRIMARY_ORDER.length; i++) {
  const c = PRIMARY_ORDER.charCodeAt(i);
  PRIMARY[c] = i + 1;
  if (c >= 97 && c <= 122) PRIMARY[c - 32] = i + 1; // upper case shares the letter's weight
}

function printableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126) return false;
  }
  return true;
}

let root: Intl.Collator | undefined;

/** Same sign as `a.localeCompare(b, 'en')` (-1, 0 or 1), whatever the machine's locale. */
export function compareText(a: string, b: string): number {
  if (!printableAscii(a) || !printableAscii(b)) {
    const c = (root ??= new Intl.Collator('en')).compare(a, b);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = PRIMARY[a.charCodeAt(i)]! - PRIMARY[b.charCodeAt(i)]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = 0; i < n; i++) {
    const upperA = a.charCodeAt(i) >= 65 && a.charCodeAt(i) <= 90;
    const upperB = b.charCodeAt(i) >= 65 && b.charCodeAt(i) <= 90;
    if (upperA !== upperB) return upperA ? 1 : -1;
  }
  return 0;
}
