import type { CostReport } from './cost-report.js';
import { usd } from './cost-report.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** cost-report.md: totals, per team and per resource, a mermaid pie, budgets, cost findings, security findings, assumptions, sources. */
export function renderMarkdown(r: CostReport): string {
  const out: string[] = [];
  out.push(`# Cost report: ${r.stack} (${r.region})`, '');
  out.push('| basis | hourly | monthly | annual | ' + `${r.years}-year |`, '|---|---:|---:|---:|---:|');
  for (const [name, f] of [['expected', r.totals.expected], ['worst case', r.totals.worstCase]] as const) {
    out.push(`| ${name} | ${usd(f.hourly)} | ${usd(f.monthly)} | ${usd(f.annual)} | ${usd(f.nYear)} |`);
  }
  out.push('', 'USD; a month is 730 hours.', '');
  if (r.budgets.length) {
    out.push('## Budgets', '', '| budget | scope | basis | limit / month | projected | % | status |', '|---|---|---|---:|---:|---:|---|');
    for (const b of r.budgets) {
      out.push(`| ${cell(b.constructPath)} | ${cell(b.scope)}${b.stacks ? ` of stacks ${cell(b.stacks.join(', '))}` : ''} | ${b.basis} | ${usd(b.monthlyLimitUsd)} | ${usd(b.projectedMonthlyUsd)} | ${b.percentOfLimit} | ${b.status}${b.acknowledgement ? ` (${cell(b.acknowledgement.reason)})` : ''} |`);
    }
    out.push('');
  }
  out.push('## By team', '', '| team | expected / month | worst case / month |', '|---|---:|---:|');
  for (const t of r.byTeam) out.push(`| ${cell(t.name)} | ${usd(t.expectedMonthlyUsd)} | ${usd(t.worstCaseMonthlyUsd)} |`);
  out.push('', '## By cost center', '', '| cost center | expected / month | worst case / month |', '|---|---:|---:|');
  for (const t of r.byCostCenter) out.push(`| ${cell(t.name)} | ${usd(t.expectedMonthlyUsd)} | ${usd(t.worstCaseMonthlyUsd)} |`);
  out.push('', '## By resource', '', '| construct | item | expected / month | worst case / month |', '|---|---|---:|---:|');
  for (const l of r.lines) out.push(`| ${cell(l.constructPath)} | ${cell(l.item)} | ${usd(l.monthlyUsd.expected)} | ${usd(l.monthlyUsd.worstCase)} |`);
  const pie = r.lines.filter((l) => l.monthlyUsd.expected > 0);
  if (pie.length) {
    out.push('', '```mermaid', 'pie title Expected monthly cost (USD)');
    for (const l of pie) out.push(`  "${`${l.constructPath} ${l.item}`.replace(/"/g, "'")}" : ${l.monthlyUsd.expected}`);
    out.push('```');
  }
  if (r.unitCosts.length) {
    out.push('', '## Unit costs (expected)', '', '| unit | USD |', '|---|---:|');
    for (const u of r.unitCosts) out.push(`| ${cell(u.unit)} | ${u.usd} |`);
  }
  if (r.recommendations.length) out.push('', '## Recommendations', '', ...r.recommendations.map((x) => `- ${x}`));
  const costFindings = r.findings.filter((f) => f.area !== 'security');
  const securityFindings = r.findings.filter((f) => f.area === 'security');
  if (costFindings.length) {
    out.push('', '## Findings', '', ...findingsTable(costFindings));
  }
  out.push('', '## Security', '');
  if (securityFindings.length) {
    const open = securityFindings.filter((f) => !f.acknowledged);
    out.push(`${open.filter((f) => f.level === 'error').length} error(s), ${open.filter((f) => f.level === 'warning').length} warning(s), ${securityFindings.length - open.length} acknowledged.`, '');
    out.push(...findingsTable(securityFindings, true));
  } else {
    out.push('No security findings.');
  }
  out.push('', '## Assumptions', '', ...r.assumptions.map((a) => `- ${a}`));
  out.push('', '## Price sources', '', ...r.priceSources.map((s) => `- ${s.source} (as of ${s.asOf ?? 'unknown'}${s.note ? `; ${s.note}` : ''})`));
  return out.join('\n') + '\n';
}

function findingsTable(findings: CostReport['findings'], withFix = false): string[] {
  const rows = [`| rule | level | construct | message |${withFix ? ' fix |' : ''} acknowledged |`, `|---|---|---|---|${withFix ? '---|' : ''}---|`];
  for (const f of findings) {
    rows.push(`| ${f.ruleId} | ${f.level} | ${cell(f.constructPath)} | ${cell(f.message)} |${withFix ? ` ${cell(f.fix)} |` : ''} ${f.acknowledged ? cell(`${f.acknowledged.reason} (${f.acknowledged.by})`) : ''} |`);
  }
  return rows;
}

/** The compact console table printed at synth. */
export function renderConsole(r: CostReport): string {
  const rows = r.lines.map((l) => [l.constructPath, l.item, usd(l.monthlyUsd.expected), usd(l.monthlyUsd.worstCase)]);
  rows.push(['TOTAL', '', usd(r.totals.expected.monthly), usd(r.totals.worstCase.monthly)]);
  const head = ['construct', 'item', 'expected/mo', 'worst/mo'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (row: string[]) => row.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  const lines = [`Cost of stack ${r.stack} (${r.region}, USD/month)`, fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)];
  for (const b of r.budgets) lines.push(`budget ${b.constructPath} (${b.scope}${b.stacks ? ` of ${b.stacks.join(' + ')}` : ''}, ${b.basis}): ${usd(b.projectedMonthlyUsd)} of ${usd(b.monthlyLimitUsd)} = ${b.percentOfLimit} % -> ${b.status}`);
  return lines.join('\n');
}
