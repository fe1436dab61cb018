/**
 * A budget against cost lines: the one evaluation synth's gate and `gpu-tco check` share, so a
 * budget reads the same figure in both (plain data, no cdktf).
 */
import type { CostBasis, CostLine } from './tco-engine.js';
import type { BudgetOutcome } from './cost-report.js';
import { monthlyTotal } from './cost-report.js';

/** What a budget states: its scope (`stack`, `team=<v>`, `cost-center=<v>`), basis, limit and warning level. */
export interface BudgetSpec {
  readonly constructPath: string;
  readonly scope: string;
  readonly basis: CostBasis;
  readonly monthlyLimitUsd: number;
  readonly warnAtPercent: number;
}

/** The part of a line a scope looks at. */
type Tagged = Pick<CostLine, 'tags'>;

/**
 * The tag key and value of a `key=value` scope (undefined for `stack`). It splits at the first
 * `=`: AWS allows `=` in tag values, so `team=a=b` is the team `a=b`.
 */
export function scopeTag(scope: string): { readonly key: string; readonly value: string } | undefined {
  const i = scope.indexOf('=');
  return i > 0 ? { key: scope.slice(0, i), value: scope.slice(i + 1) } : undefined;
}

/** True when tags fall in a scope. */
export function scopeMatches(scope: string, tags: Readonly<Record<string, string>>): boolean {
  if (scope === 'stack') return true;
  const tag = scopeTag(scope);
  return tag !== undefined && tags[tag.key] === tag.value;
}

/** The lines a scope covers. */
export function linesInScope<T extends Tagged>(scope: string, lines: readonly T[]): T[] {
  return scope === 'stack' ? [...lines] : lines.filter((l) => scopeMatches(scope, l.tags));
}

/** Every `team=` and `cost-center=` scope the lines carry, for a scope that matches none. */
export function scopesOf(lines: readonly Tagged[]): string[] {
  const out = new Set<string>();
  for (const l of lines) {
    if (l.tags.team !== undefined) out.add(`team=${l.tags.team}`);
    if (l.tags['cost-center'] !== undefined) out.add(`cost-center=${l.tags['cost-center']}`);
  }
  return [...out];
}

/** Percent of the limit, one decimal; a figure over a zero limit reads 999,999. */
export function percentOfLimit(projected: number, limit: number): number {
  if (limit > 0) return Math.round((projected / limit) * 1000) / 10;
  return projected > 0 ? 999_999 : 0;
}

/** The budget's figure over `lines` and its status (acknowledgements are applied by the caller). */
export function evaluateBudget(b: BudgetSpec, lines: readonly CostLine[]): Omit<BudgetOutcome, 'stacks' | 'acknowledgement'> {
  const projected = monthlyTotal(linesInScope(b.scope, lines), b.basis);
  const percent = percentOfLimit(projected, b.monthlyLimitUsd);
  const status = projected > b.monthlyLimitUsd ? 'exceeded' : percent >= b.warnAtPercent ? 'near-limit' : 'ok';
  return {
    constructPath: b.constructPath,
    scope: b.scope,
    basis: b.basis,
    monthlyLimitUsd: b.monthlyLimitUsd,
    projectedMonthlyUsd: projected,
    percentOfLimit: percent,
    status,
    warnAtPercent: b.warnAtPercent,
  };
}
