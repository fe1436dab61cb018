/**
 * `gpu-tco check`: Infracost's breakdown merged with the library's cost reports, budgets applied.
 * Exit 0 within budget, 1 over budget (or price drift with --fail-on-drift), 2 bad input.
 */
import { loadBreakdown } from './breakdown.js';
import type { Breakdown, BreakdownResource } from './breakdown.js';
import { CliError } from './io.js';
import type { CliIo } from './io.js';
import { mergeBreakdown } from './merge.js';
import type { CheckResult } from './merge.js';
import { loadOutDir } from './out-dir.js';
import { renderCheck } from './render-check.js';
import type { CheckFormat } from './render-check.js';

export interface CheckOptions {
  readonly infracost: string;
  readonly outDir: string;
  readonly format: CheckFormat;
  readonly compareTo?: string;
  readonly compareOutDir?: string;
  readonly failOnDrift?: boolean;
  /** USD per unit of the breakdowns' currency (a decimal string, as given on the command line). */
  readonly usdRate?: string;
}

export const CHECK_FORMATS: readonly CheckFormat[] = ['markdown', 'json', 'table'];

/**
 * Runs the check and prints the summary. Returns the result when it passes; throws a CliError with
 * exit code 1 (after printing) when a budget is broken or drift is fatal, exit code 2 on bad input.
 */
export function runCheck(options: CheckOptions, io: CliIo): CheckResult {
  if (!CHECK_FORMATS.includes(options.format)) throw new CliError(`gpu-tco check: --format ${options.format}: use one of ${CHECK_FORMATS.join(', ')}`);
  if (options.compareOutDir !== undefined && options.compareTo === undefined) throw new CliError('gpu-tco check: --compare-out-dir needs --compare-to <base breakdown>');
  const stacks = loadOutDir(options.outDir, io.cwd);
  if (options.infracost === '-' && options.compareTo === '-') throw new CliError('gpu-tco check: --infracost - and --compare-to - both ask for standard input; give one of them as a file');
  const breakdown = loadBreakdown(options.infracost, io.cwd, '--infracost', io.stdin);
  const base = options.compareTo !== undefined
    ? { breakdown: loadBreakdown(options.compareTo, io.cwd, '--compare-to', io.stdin), file: options.compareTo, ...(options.compareOutDir !== undefined ? { stacks: loadOutDir(options.compareOutDir, io.cwd) } : {}) }
    : undefined;
  const conversion = currencyConversion([[options.infracost, breakdown], ...(base ? [[base.file, base.breakdown] as const] : [])], options.usdRate);
  if (conversion) {
    toUsd(breakdown, conversion.usdRate);
    if (base) toUsd(base.breakdown, conversion.usdRate);
  }
  const result = mergeBreakdown({ stacks, breakdown, breakdownFile: options.infracost, outDir: options.outDir, ...(base ? { base } : {}), ...(conversion ? { conversion } : {}) });
  io.stdout(renderCheck(result, options.format));
  const failures: string[] = [];
  if (result.overBudget.length) failures.push(`over budget: ${result.overBudget.join('; ')}`);
  if (result.drift.length && options.failOnDrift) failures.push(`price drift over 1 % on ${result.drift.length} item(s) and --fail-on-drift is set`);
  if (failures.length) throw new CliError(`gpu-tco check: ${failures.join('; ')}`, 1);
  return result;
}

/**
 * Budgets and the library's figures are USD: a breakdown in another currency needs the rate
 * (exit 2 without it), and every breakdown of one check must share a currency.
 */
function currencyConversion(breakdowns: ReadonlyArray<readonly [string, Breakdown]>, usdRate: string | undefined): { from: string; usdRate: number } | undefined {
  const currencies = [...new Set(breakdowns.map(([, b]) => b.currency))];
  if (currencies.length > 1) throw new CliError(`gpu-tco check: the breakdowns are in different currencies (${breakdowns.map(([f, b]) => `${f}: ${b.currency}`).join(', ')}); run infracost with one currency for both`);
  const [from] = currencies as [string];
  if (usdRate !== undefined) {
    const rate = /^\d+(\.\d+)?(e[+-]?\d+)?$/i.test(usdRate.trim()) ? Number(usdRate) : NaN;
    if (!Number.isFinite(rate) || rate <= 0) throw new CliError(`gpu-tco check: --usd-rate ${usdRate}: must be a positive number, USD per ${from} (e.g. 1.08)`);
    if (from === 'USD') throw new CliError(`gpu-tco check: --usd-rate ${usdRate} is given, but the breakdown is already in USD; drop --usd-rate`);
    return { from, usdRate: rate };
  }
  if (from !== 'USD') {
    throw new CliError(`gpu-tco check: ${breakdowns[0]![0]} is in ${from}, but budgets and the library's figures are in USD; run infracost with INFRACOST_CURRENCY=USD, or pass --usd-rate <USD per ${from}>`);
  }
  return undefined;
}

/** Converts every money figure of a breakdown to USD in place (it was just parsed). */
function toUsd(b: Breakdown, rate: number): void {
  const conv = (v: string | null | undefined) => (v === null || v === undefined ? v : String(Number(v) * rate));
  const resource = (r: BreakdownResource) => {
    const m = r as { monthlyCost?: string | null };
    if (m.monthlyCost !== undefined) m.monthlyCost = conv(m.monthlyCost);
    for (const c of r.costComponents ?? []) {
      const mc = c as { monthlyCost: string | null; price: string | null };
      mc.monthlyCost = conv(mc.monthlyCost) ?? null;
      mc.price = conv(mc.price) ?? null;
    }
    for (const sub of r.subresources ?? []) resource(sub);
  };
  for (const p of b.projects) for (const r of p.breakdown.resources) resource(r);
  (b as { currency: string }).currency = 'USD';
}
