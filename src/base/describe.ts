import { compareText } from './text-order.js';

// cdktf's encodings: strings hold `${TfToken[TOKEN.n]}`, list elements `#{TfToken[TOKEN.n]}`, and
// numbers are doubles near -1.9e289 and below (never a value anyone means).
const STRING_TOKEN = /\$\{TfToken\[TOKEN\.\d+\]\}/;
const LIST_TOKEN = /^#\{TfToken\[TOKEN\.\d+\]\}$/;
const isNumberToken = (n: unknown) => typeof n === 'number' && n < -1e289;

/**
 * Renders any value for an error message: quoted strings, NaN and undefined spelled out, and
 * cdktf tokens named as such (never their placeholder text or number).
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (isNumberToken(value)) return 'a number token (its value is known at apply only)';
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string' && LIST_TOKEN.test(value[0])) return 'a list token (its elements are known at apply only)';
  if (typeof value === 'string' && STRING_TOKEN.test(value)) return value.replace(STRING_TOKEN, '') === '' ? 'a string token (its value is known at apply only)' : `a string holding a token (${truncate(JSON.stringify(value.replace(new RegExp(STRING_TOKEN.source, 'g'), '<token>')))})`;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return truncate(JSON.stringify(value));
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return value.toString();
  try {
    return truncate(
      JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ??
        String(value),
    );
  } catch {
    return truncate(Object.prototype.toString.call(value));
  }
}

function truncate(s: string, max = 200): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Up to `n` candidates closest to `value` by edit distance, closest first (for "did you mean"). */
export function closestMatches(value: string, candidates: Iterable<string>, n = 3): string[] {
  const v = value.toLowerCase();
  const scored: Array<[string, number]> = [];
  for (const c of candidates) {
    const d = editDistance(v, c.toLowerCase());
    if (d <= Math.max(2, Math.floor(c.length / 3))) scored.push([c, d]);
  }
  return scored
    .sort((a, b) => a[1] - b[1] || compareText(a[0], b[0]))
    .slice(0, n)
    .map(([c]) => c);
}

/** Every candidate, closest to `value` by edit distance first (ties in text order). */
export function byCloseness(value: string, candidates: Iterable<string>): string[] {
  const v = value.toLowerCase();
  return [...candidates]
    .map((c): [string, number] => [c, editDistance(v, c.toLowerCase())])
    .sort((a, b) => a[1] - b[1] || compareText(a[0], b[0]))
    .map(([c]) => c);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
