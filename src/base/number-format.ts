/**
 * en-US number formatting without Intl. `Intl.NumberFormat` and `toLocaleString` page in ICU's
 * locale data on first use (about 7 MB of resident memory for one formatter), which synth would
 * pay for a handful of figures. This gives the same text as
 * `new Intl.NumberFormat('en-US', { minimumFractionDigits, maximumFractionDigits }).format(n)`:
 * the shortest decimal that round-trips (what `String(n)` prints, and what ICU rounds from),
 * rounded half away from zero, thousands grouped with commas, `-` kept on negative zero.
 */

/** `n` in en-US with between `minFractionDigits` and `maxFractionDigits` decimals. */
export function formatEnUs(n: number, minFractionDigits: number, maxFractionDigits: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '∞' : '-∞';
  const negative = n < 0 || Object.is(n, -0);
  let [int, frac] = plainDecimal(Math.abs(n));
  if (frac.length > maxFractionDigits) {
    const roundUp = frac.charCodeAt(maxFractionDigits) >= 53; // '5' or more: half away from zero
    frac = frac.slice(0, maxFractionDigits);
    if (roundUp) [int, frac] = increment(int, frac);
  }
  frac = frac.replace(/0+$/, '');
  if (frac.length < minFractionDigits) frac = frac.padEnd(minFractionDigits, '0');
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** USD figures as the reports print them: thousands separators and cents (`1,234.50`). */
export function formatUsd(n: number): string {
  return formatEnUs(n, 2, 2);
}

/** Integer and fraction digits of a non-negative finite number's shortest decimal form. */
function plainDecimal(x: number): [string, string] {
  const text = String(x);
  const e = text.indexOf('e');
  if (e < 0) {
    const [int, frac = ''] = text.split('.') as [string, string?];
    return [int, frac];
  }
  const exponent = Number(text.slice(e + 1));
  const [lead, rest = ''] = text.slice(0, e).split('.') as [string, string?];
  const digits = lead + rest;
  const point = lead.length + exponent; // position of the decimal point within `digits`
  if (point <= 0) return ['0', '0'.repeat(-point) + digits];
  if (point >= digits.length) return [digits + '0'.repeat(point - digits.length), ''];
  return [digits.slice(0, point), digits.slice(point)];
}

/** Adds one unit in the last place of `int.frac` (decimal strings). */
function increment(int: string, frac: string): [string, string] {
  const all = (int + frac).split('');
  let i = all.length - 1;
  while (i >= 0 && all[i] === '9') all[i--] = '0';
  if (i >= 0) all[i] = String(Number(all[i]) + 1);
  else all.unshift('1');
  const joined = all.join('');
  const cut = joined.length - frac.length;
  return [joined.slice(0, cut).replace(/^0+(?=\d)/, ''), joined.slice(cut)];
}
