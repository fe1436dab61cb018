/**
 * Totals year by year: each commitment applies within its term only (from the first month of the
 * projection), and lines that grow (a KMS key's rotations) grow when they do.
 */
import type { CostBasis, CostLine } from './tco-engine.js';
import type { Commitment } from './commitments.js';
import { applyCommitments } from './commitments.js';
import { monthlyTotal } from './cost-report.js';

/** USD of each year 1..years, per basis. */
export interface YearTotals {
  readonly expected: readonly number[];
  readonly worstCase: readonly number[];
}

const r2 = (n: number) => Math.round(n * 100) / 100;

/** What `monthlyIncreases` add within months [from, to) of the projection. */
function increasesWithin(lines: readonly CostLine[], from: number, to: number): number {
  let usd = 0;
  for (const l of lines) {
    for (const inc of l.monthlyIncreases ?? []) usd += Math.max(0, to - Math.max(from, inc.afterMonths)) * inc.usd;
  }
  return usd;
}

/**
 * The totals of years 1..years from the lines before commitments: year y applies the commitments
 * whose term lasts into it (termYears >= y) and adds the increases that fall in its months.
 */
export function yearTotals(before: readonly CostLine[], commitments: readonly Commitment[], years: number): YearTotals {
  const out: Record<CostBasis, number[]> = { EXPECTED: [], WORST_CASE: [] };
  for (let y = 1; y <= years; y++) {
    const lines = applyCommitments(before, commitments.filter((c) => c.termYears >= y));
    const grown = increasesWithin(before, 12 * (y - 1), 12 * y);
    for (const basis of ['EXPECTED', 'WORST_CASE'] as const) out[basis].push(r2(monthlyTotal(lines, basis) * 12 + grown));
  }
  return { expected: out.EXPECTED, worstCase: out.WORST_CASE };
}
