/**
 * `gpu-tco check`: Infracost's breakdown merged with the library's cost reports, budgets applied.
 * Exit 0 within budget, 1 over budget (or price drift with --fail-on-drift), 2 bad input.
 */
import { loadBreakdown } from './breakdown.js';
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
  const breakdown = loadBreakdown(options.infracost, io.cwd);
  const base = options.compareTo !== undefined
    ? { breakdown: loadBreakdown(options.compareTo, io.cwd, '--compare-to'), file: options.compareTo, ...(options.compareOutDir !== undefined ? { stacks: loadOutDir(options.compareOutDir, io.cwd) } : {}) }
    : undefined;
  const result = mergeBreakdown({ stacks, breakdown, breakdownFile: options.infracost, outDir: options.outDir, ...(base ? { base } : {}) });
  io.stdout(renderCheck(result, options.format));
  const failures: string[] = [];
  if (result.overBudget.length) failures.push(`over budget: ${result.overBudget.join('; ')}`);
  if (result.drift.length && options.failOnDrift) failures.push(`price drift over 1 % on ${result.drift.length} item(s) and --fail-on-drift is set`);
  if (failures.length) throw new CliError(`gpu-tco check: ${failures.join('; ')}`, 1);
  return result;
}
