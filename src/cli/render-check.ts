/** `gpu-tco check` output: a PR-ready Markdown summary, JSON, or a terminal table. */
import Table from 'cli-table3';
import { usd } from '../cost/cost-report.js';
import type { CheckedBudget, CheckResult } from './merge.js';
import { DRIFT_THRESHOLD_PERCENT } from './merge.js';
import { stableJson } from './json.js';

export type CheckFormat = 'markdown' | 'json' | 'table';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const delta = (n: number | undefined) => (n === undefined ? '' : `${n > 0 ? '+' : n < 0 ? '-' : '±'}${usd(Math.abs(n))}`);
const STATUS: Record<CheckedBudget['status'], string> = { ok: 'OK', 'near-limit': 'near limit', exceeded: '**OVER BUDGET**', 'exceeded-acknowledged': 'over, acknowledged in code' };
const plain = (s: string) => s.replace(/\*\*/g, '');

function budgetSummary(budgets: readonly CheckedBudget[]): string {
  if (budgets.length === 0) return 'no budget';
  const worst = budgets.find((b) => b.status === 'exceeded') ?? budgets.find((b) => b.status === 'near-limit') ?? budgets.find((b) => b.status === 'exceeded-acknowledged') ?? budgets[0]!;
  return `${STATUS[worst.status]} (${worst.percentOfLimit} % of ${usd(worst.monthlyLimitUsd)})`;
}

export function renderCheck(r: CheckResult, format: CheckFormat): string {
  if (format === 'json') return stableJson(r);
  if (format === 'table') return renderTable(r);
  return renderMarkdown(r);
}

function renderMarkdown(r: CheckResult): string {
  const compare = r.stacks.some((s) => s.deltaMonthlyUsd !== undefined);
  const out: string[] = ['## GPU cost check', ''];
  if (r.conversion) out.push(`Infracost's figures are in ${r.conversion.from}, converted at ${r.conversion.usdRate} USD per ${r.conversion.from} (--usd-rate).`, '');
  out.push(`| stack | monthly (USD) |${compare ? ' Δ vs base |' : ''} Infracost | library only | budget |`, `|---|---:|${compare ? '---:|' : ''}---:|---:|---|`);
  for (const s of r.stacks) {
    out.push(`| ${cell(s.stack)} | ${usd(s.monthlyUsd)} |${compare ? ` ${delta(s.deltaMonthlyUsd)} |` : ''} ${usd(s.infracostMonthlyUsd)} | ${usd(s.libraryOnlyMonthlyUsd)} | ${budgetSummary(s.budgets)} |`);
  }
  if (r.stacks.length > 1) {
    const sum = (f: (s: (typeof r.stacks)[number]) => number | undefined) => r.stacks.reduce((a, s) => a + (f(s) ?? 0), 0);
    out.push(`| **total** | **${usd(sum((s) => s.monthlyUsd))}** |${compare ? ` ${delta(Math.round(sum((s) => s.deltaMonthlyUsd) * 100) / 100)} |` : ''} ${usd(sum((s) => s.infracostMonthlyUsd))} | ${usd(sum((s) => s.libraryOnlyMonthlyUsd))} | |`);
  }
  for (const s of r.stacks) {
    out.push('', `### ${s.stack} (${s.region})`, '', `| team | monthly (USD) |${compare ? ' Δ vs base |' : ''}`, `|---|---:|${compare ? '---:|' : ''}`);
    for (const t of s.byTeam) out.push(`| ${cell(t.name)} | ${usd(t.monthlyUsd)} |${compare ? ` ${delta(t.deltaMonthlyUsd)} |` : ''}`);
    if (s.budgets.length) {
      out.push('', '| budget | scope | basis | limit / month | projected | % | status |', '|---|---|---|---:|---:|---:|---|');
      for (const b of s.budgets) {
        out.push(`| ${cell(b.constructPath)} | ${cell(b.scope)}${b.stacks.length > 1 ? ` (stacks ${cell(b.stacks.join(' + '))})` : ''} | ${b.basis} | ${usd(b.monthlyLimitUsd)} | ${usd(b.projectedMonthlyUsd)} | ${b.percentOfLimit} | ${STATUS[b.status]} |`);
      }
    }
    if (s.commitmentsMonthlyUsd !== 0) out.push('', `Commitments (Savings Plans, Reserved Instances) change the month by ${delta(s.commitmentsMonthlyUsd)} USD: the discount on covered on-demand usage plus the unused part of each commitment.`);
    if (s.replacedMonthlyUsd > 0) out.push('', `Infracost's ${usd(s.replacedMonthlyUsd)} USD for capacity the library prices itself (spot, schedules) is replaced by the library's figure.`);
  }
  if (r.drift.length) {
    out.push('', `### Price drift over ${DRIFT_THRESHOLD_PERCENT} %`, '', 'Infracost and the library price the same resources differently: a stale price catalog (`gpu-tco prices fetch`) or a wrong usage assumption.', '');
    out.push('| stack | construct | category | Infracost | library | drift |', '|---|---|---|---:|---:|---:|');
    for (const d of r.drift) out.push(`| ${cell(d.stack)} | ${cell(d.constructPath)} | ${d.category} | ${usd(d.infracostMonthlyUsd)} | ${usd(d.libraryMonthlyUsd)} | ${d.percent > 0 ? '+' : ''}${d.percent} % |`);
  }
  if (r.warnings.length) out.push('', '### Warnings', '', ...r.warnings.map((w) => `- ${cell(w)}`));
  out.push(
    '',
    '<details><summary>How these figures are made</summary>',
    '',
    'Monthly = what Infracost prices from the synthesized Terraform (with the usage file synth writes) + what only cdktf-gpu-cluster knows: Karpenter pools (expected GPUs in use, spot share), spot node groups, schedules and spot interruption rework. Commitments are applied to the merged figures as synth applies them. Every budget covers the same stacks and lines as at synth: EXPECTED budgets read the merged figures; WORST_CASE budgets read the library\'s worst case (Infracost prices the expected usage only), with Infracost\'s figure for lines that have one figure (fixed costs) and never below Infracost\'s figure.' +
      (compare ? ' Δ vs base prices the baseline breakdown the same way; without `--compare-out-dir`, costs only the library knows are taken from this synth for both sides.' : ''),
    '',
    '</details>',
  );
  return out.join('\n') + '\n';
}

function renderTable(r: CheckResult): string {
  const compare = r.stacks.some((s) => s.deltaMonthlyUsd !== undefined);
  const table = new Table({ head: ['Stack', 'Team', 'Monthly USD', ...(compare ? ['Δ vs base'] : []), 'Budget'], colAligns: ['left', 'left', 'right', ...(compare ? ['right' as const] : []), 'left'], style: { head: [], border: [] } });
  for (const s of r.stacks) {
    table.push([s.stack, '(all)', usd(s.monthlyUsd), ...(compare ? [delta(s.deltaMonthlyUsd)] : []), plain(budgetSummary(s.budgets))]);
    for (const t of s.byTeam) table.push(['', t.name, usd(t.monthlyUsd), ...(compare ? [delta(t.deltaMonthlyUsd)] : []), '']);
  }
  const out = [table.toString()];
  if (r.conversion) out.push(`Infracost's figures converted from ${r.conversion.from} at ${r.conversion.usdRate} USD per ${r.conversion.from} (--usd-rate)`);
  for (const d of r.drift) out.push(`drift: ${d.stack} ${d.constructPath} ${d.category}: Infracost ${usd(d.infracostMonthlyUsd)} vs library ${usd(d.libraryMonthlyUsd)} (${d.percent > 0 ? '+' : ''}${d.percent} %)`);
  for (const w of r.warnings) out.push(`warning: ${w}`);
  return out.join('\n') + '\n';
}
