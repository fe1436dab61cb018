import { compareText } from './text-order.js';

/** Renders any value for an error message: quoted strings, NaN and undefined spelled out. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
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
