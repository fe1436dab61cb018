/**
 * `name` if it fits in `max` characters; else its first characters (trailing punctuation dropped)
 * and an 8-digit FNV-1a hash of the whole name (`<head>-1a2b3c4d`), so that names derived from a
 * long one (an SQS queue from a 100-character cluster name, a label value) fit their limit, stay
 * stable from synth to synth and differ where the names differ.
 */
export function shortName(name: string, max: number): string {
  if (name.length <= max) return name;
  return `${name.slice(0, max - 9).replace(/[^A-Za-z0-9]+$/, '')}-${hash8(name)}`;
}

/** An 8-digit FNV-1a hash of `s` (hex): short, stable, not for security. */
export function hash8(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
