import type { CostBasis, CostLine, PricedAs } from './tco-engine.js';
import { HOURS_PER_MONTH } from './cost-profile.js';
import { compareText } from '../base/text-order.js';
import { formatUsd } from '../base/number-format.js';

/** Version of the cost-report.json schema (schema/cost-report.schema.json). */
export const COST_REPORT_SCHEMA_VERSION = '1.1';

/** Hourly, monthly, annual and N-year figures on one basis. */
export interface Figures {
  readonly hourly: number;
  readonly monthly: number;
  readonly annual: number;
  readonly nYear: number;
}

/** A budget as the report states it. */
export interface BudgetOutcome {
  readonly constructPath: string;
  readonly scope: string;
  readonly basis: CostBasis;
  readonly monthlyLimitUsd: number;
  readonly projectedMonthlyUsd: number;
  readonly percentOfLimit: number;
  readonly status: 'ok' | 'near-limit' | 'exceeded' | 'exceeded-acknowledged';
  readonly warnAtPercent: number;
  /** The stacks whose lines the budget covers, when more than its own. */
  readonly stacks?: readonly string[];
  readonly acknowledgement?: { readonly reason: string; readonly by: string };
}

/** A policy finding, as every rule reports it. */
export interface Finding {
  readonly ruleId: string;
  /** The rule's area: `cost` (budgets, tags, prices) or `security`. */
  readonly area?: 'cost' | 'security';
  readonly level: 'error' | 'warning';
  readonly constructPath: string;
  readonly message: string;
  readonly fix: string;
  readonly acknowledged?: { readonly reason: string; readonly by: string };
}

/** Cost per unit of capacity, expected basis. */
export interface UnitCost {
  readonly unit: string;
  readonly usd: number;
}

export interface GroupTotal {
  readonly name: string;
  readonly expectedMonthlyUsd: number;
  readonly worstCaseMonthlyUsd: number;
}

/** Everything cost-report.json holds. */
export interface CostReport {
  readonly schemaVersion: string;
  readonly stack: string;
  readonly region: string;
  readonly currency: 'USD';
  readonly hoursPerMonth: number;
  readonly years: number;
  readonly totals: { readonly expected: Figures; readonly worstCase: Figures };
  readonly lines: readonly CostLine[];
  readonly byTeam: readonly GroupTotal[];
  readonly byCostCenter: readonly GroupTotal[];
  readonly unitCosts: readonly UnitCost[];
  readonly budgets: readonly BudgetOutcome[];
  readonly findings: readonly Finding[];
  readonly recommendations: readonly string[];
  readonly assumptions: readonly string[];
  readonly priceSources: readonly { readonly source: string; readonly asOf: string | null; readonly note?: string }[];
}

const r2 = (n: number) => Math.round(n * 100) / 100;

/** Sums lines on a basis. */
export function monthlyTotal(lines: readonly CostLine[], basis: CostBasis): number {
  return r2(lines.reduce((sum, l) => sum + (basis === 'EXPECTED' ? l.monthlyUsd.expected : l.monthlyUsd.worstCase), 0));
}

/** Hourly and monthly from the month; annual and N-year from the year totals when given (terms, rotations). */
function figures(monthly: number, years: number, yearly?: readonly number[]): Figures {
  const annual = yearly ? yearly[0]! : monthly * 12;
  const nYear = yearly ? yearly.slice(0, years).reduce((a, b) => a + b, 0) : monthly * 12 * years;
  return { hourly: r2(monthly / HOURS_PER_MONTH), monthly: r2(monthly), annual: r2(annual), nYear: r2(nYear) };
}

function groupBy(lines: readonly CostLine[], tag: string): GroupTotal[] {
  const groups = new Map<string, { e: number; w: number }>();
  for (const l of lines) {
    const name = l.tags[tag] ?? '(untagged)';
    const g = groups.get(name) ?? { e: 0, w: 0 };
    g.e += l.monthlyUsd.expected;
    g.w += l.monthlyUsd.worstCase;
    groups.set(name, g);
  }
  return [...groups.entries()]
    .sort((a, b) => b[1].e - a[1].e || compareText(a[0], b[0]))
    .map(([name, g]) => ({ name, expectedMonthlyUsd: r2(g.e), worstCaseMonthlyUsd: r2(g.w) }));
}

function unitCosts(lines: readonly CostLine[]): UnitCost[] {
  const out: UnitCost[] = [];
  const gpuLines = lines.filter((l) => l.gpuHours && l.gpuHours.expected > 0);
  const gpuHours = gpuLines.reduce((s, l) => s + l.gpuHours!.expected, 0);
  if (gpuHours > 0) {
    // Everything of those constructs (compute, storage, rework) over their GPU-hours.
    const paths = new Set(gpuLines.map((l) => l.constructPath));
    const cost = lines.filter((l) => paths.has(l.constructPath)).reduce((s, l) => s + l.monthlyUsd.expected, 0);
    out.push({ unit: 'GPU-hour', usd: Math.round((cost / gpuHours) * 10_000) / 10_000 });
    out.push({ unit: 'GPU-month', usd: r2((cost / gpuHours) * HOURS_PER_MONTH) });
  }
  for (const l of lines) {
    for (const [slice, hours] of Object.entries(l.sliceHours ?? {})) {
      const cost = lines.filter((x) => x.constructPath === l.constructPath).reduce((s, x) => s + x.monthlyUsd.expected, 0);
      const share = l.sliceCostShare?.[slice] ?? 1;
      if (hours > 0) out.push({ unit: `${slice}-hour (${l.constructPath})`, usd: Math.round(((cost * share) / hours) * 10_000) / 10_000 });
    }
  }
  return out;
}

function uniqueSources(lines: readonly CostLine[]): CostReport['priceSources'] {
  const seen = new Map<string, { source: string; asOf: string | null; note?: string }>();
  for (const p of lines.flatMap((l) => l.prices as PricedAs[]).filter((q) => !q.unpriced)) {
    const key = `${p.source}|${p.asOf}`;
    if (!seen.has(key)) seen.set(key, { source: p.source, asOf: p.asOf, ...(p.note ? { note: p.note } : {}) });
  }
  return [...seen.values()].sort((a, b) => compareText(a.source, b.source));
}

/** Assembles the report of one stack. */
export function buildReport(input: {
  stack: string;
  region: string;
  years: number;
  lines: readonly CostLine[];
  budgets: readonly BudgetOutcome[];
  findings: readonly Finding[];
  recommendations: readonly string[];
  /** Totals of years 1..years (multi-year.ts); without them a year is 12 months of today. */
  yearly?: { readonly expected: readonly number[]; readonly worstCase: readonly number[] };
}): CostReport {
  const expected = monthlyTotal(input.lines, 'EXPECTED');
  const worst = monthlyTotal(input.lines, 'WORST_CASE');
  return {
    schemaVersion: COST_REPORT_SCHEMA_VERSION,
    stack: input.stack,
    region: input.region,
    currency: 'USD',
    hoursPerMonth: HOURS_PER_MONTH,
    years: input.years,
    totals: { expected: figures(expected, input.years, input.yearly?.expected), worstCase: figures(worst, input.years, input.yearly?.worstCase) },
    // A source's note is said once, in priceSources (keyed by source and date), not on every quote.
    lines: input.lines.map((l) => (l.prices.some((q) => q.note !== undefined) ? { ...l, prices: l.prices.map(({ note: _note, ...q }) => q) } : l)),
    byTeam: groupBy(input.lines, 'team'),
    byCostCenter: groupBy(input.lines, 'cost-center'),
    unitCosts: unitCosts(input.lines),
    budgets: input.budgets,
    findings: input.findings,
    recommendations: input.recommendations,
    assumptions: [...new Set(input.lines.flatMap((l) => l.assumptions.map((a) => `${l.constructPath}: ${a}`)))],
    priceSources: uniqueSources(input.lines),
  };
}

/** USD with thousands separators and cents (formatted without Intl: see core/number-format). */
export function usd(n: number): string {
  return formatUsd(n);
}
