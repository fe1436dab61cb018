/**
 * `name` when it fits a Kubernetes label value (63 characters), else its first 54 characters and
 * an 8-digit FNV-1a hash of the whole: derived names stay readable, distinct and deterministic.
 */
export function fitLabelValue(name: string): string {
  if (name.length <= 63) return name;
  return `${name.slice(0, 54).replace(/[^A-Za-z0-9]+$/, '')}-${fnv1a(name)}`;
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
