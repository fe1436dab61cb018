/** `gpu-tco report`: the cost reports synth wrote, for every stack of an out dir. */
import Table from 'cli-table3';
import { usd } from '../cost/cost-report.js';
import { renderMarkdown } from '../cost/render-report.js';
import { CliError } from './io.js';
import type { CliIo } from './io.js';
import { stableJson } from './json.js';
import { loadOutDir } from './out-dir.js';

export type ReportFormat = 'table' | 'json' | 'markdown';
export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'json', 'markdown'];

export function runReport(options: { outDir: string; format: ReportFormat }, io: CliIo): void {
  if (!REPORT_FORMATS.includes(options.format)) throw new CliError(`gpu-tco report: --format ${options.format}: use one of ${REPORT_FORMATS.join(', ')}`);
  const reports = loadOutDir(options.outDir, io.cwd).map((s) => s.report);
  if (options.format === 'json') return io.stdout(stableJson(reports));
  if (options.format === 'markdown') return io.stdout(reports.map(renderMarkdown).join('\n'));
  const table = new Table({
    head: ['Stack', 'Region', 'Expected USD/month', 'Worst case USD/month', 'Budgets'],
    colAligns: ['left', 'left', 'right', 'right', 'left'],
    style: { head: [], border: [] },
  });
  for (const r of reports) {
    const budgets = r.budgets.map((b) => `${b.basis} ${b.percentOfLimit} % of ${usd(b.monthlyLimitUsd)}: ${b.status}`).join('\n') || 'none';
    table.push([r.stack, r.region, usd(r.totals.expected.monthly), usd(r.totals.worstCase.monthly), budgets]);
  }
  if (reports.length > 1) {
    const sum = (f: (x: (typeof reports)[number]) => number) => usd(reports.reduce((a, x) => a + f(x), 0));
    table.push(['total', '', sum((x) => x.totals.expected.monthly), sum((x) => x.totals.worstCase.monthly), '']);
  }
  io.stdout(`Cost reports in ${options.outDir} (a month is 730 hours)\n${table.toString()}\n`);
}
