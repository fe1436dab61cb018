/**
 * A generated out dir and Infracost breakdown of `resources` priced resources (half node groups,
 * half their launch templates) across `stacks` stacks, for the `gpu-tco check` benchmark.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeBigCase(dir: string, resources = 500, stacks = 5): { outDir: string; breakdown: string } {
  const outDir = join(dir, 'cdktf.out');
  const groupsPerStack = Math.ceil(resources / 2 / stacks);
  const projects: unknown[] = [];
  const price = 10.49264;
  for (let s = 0; s < stacks; s++) {
    const stack = `stack-${s}`;
    const dir = join(outDir, 'stacks', stack);
    mkdirSync(dir, { recursive: true });
    const lines: unknown[] = [];
    const constructs: unknown[] = [];
    const tf: Record<string, Record<string, unknown>> = { aws_eks_node_group: {}, aws_launch_template: {} };
    const rs: unknown[] = [];
    for (let g = 0; g < groupsPerStack; g++) {
      const path = `${stack}/group-${g}`;
      const tags = { team: `team-${g % 7}`, 'cost-center': `cc-${g % 3}` };
      const n = 1 + (g % 4);
      lines.push({ constructPath: path, item: 'compute', category: 'compute', tags, monthlyUsd: { expected: Math.round(n * 730 * price * 100) / 100, worstCase: 0 }, prices: [], assumptions: [] });
      lines.push({ constructPath: path, item: 'storage', category: 'storage', tags, monthlyUsd: { expected: n * 16, worstCase: 0 }, prices: [], assumptions: [] });
      const ng = `aws_eks_node_group.group-${g}_node-group_0000`;
      const lt = `aws_launch_template.group-${g}_launch-template_0000`;
      tf.aws_eks_node_group![ng.split('.')[1]!] = {};
      tf.aws_launch_template![lt.split('.')[1]!] = {};
      constructs.push({ constructPath: path, kind: 'eks-node-group', addresses: [ng, lt], infracostPrices: ['compute', 'storage'], libraryOnly: [] });
      const compute = n * 730 * price * (g % 10 === 0 ? 1.03 : 1);
      const c = (name: string, unit: string, qty: number, p: number) => ({ name, unit, hourlyQuantity: String(qty / 730), monthlyQuantity: String(qty), price: String(p), hourlyCost: String((qty * p) / 730), monthlyCost: String(qty * p), priceNotFound: false });
      rs.push({
        name: ng,
        resourceType: 'aws_eks_node_group',
        tags,
        metadata: {},
        monthlyCost: String(compute + n * 16),
        costComponents: [],
        subresources: [{ name: lt, metadata: {}, costComponents: [c('Instance usage (Linux/UNIX, on-demand, g6e.12xlarge)', 'hours', n * 730, compute / (n * 730))], subresources: [{ name: 'block_device_mapping[0]', metadata: {}, costComponents: [c('Storage (general purpose SSD, gp3)', 'GB', n * 200, 0.08)] }] }],
      });
      rs.push({ name: lt, resourceType: 'aws_launch_template', tags, metadata: {}, monthlyCost: '0', costComponents: [] });
    }
    const total = lines.reduce((a: number, l: any) => a + l.monthlyUsd.expected, 0);
    const figures = (monthly: number) => ({ hourly: monthly / 730, monthly, annual: monthly * 12, nYear: monthly * 36 });
    const report = { schemaVersion: '1.0', stack, region: 'us-west-2', currency: 'USD', hoursPerMonth: 730, years: 3, totals: { expected: figures(total), worstCase: figures(total) }, lines, byTeam: [], byCostCenter: [], unitCosts: [], budgets: [{ constructPath: `${stack}/budget`, scope: 'team=team-1', basis: 'EXPECTED', monthlyLimitUsd: total, projectedMonthlyUsd: 0, percentOfLimit: 0, status: 'ok', warnAtPercent: 80 }], findings: [], recommendations: [], assumptions: [], priceSources: [] };
    writeFileSync(join(dir, 'cost-report.json'), JSON.stringify(report));
    writeFileSync(join(dir, 'infracost-map.json'), JSON.stringify({ schemaVersion: '1.1', stack, usageFile: 'infracost-usage.yml', constructs, lines, commitments: [] }));
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ resource: tf }));
    const empty = { resources: [], totalHourlyCost: '0', totalMonthlyCost: '0', totalMonthlyUsageCost: '0' };
    const bd = { resources: rs, totalHourlyCost: '0', totalMonthlyCost: '0', totalMonthlyUsageCost: '0' };
    projects.push({ name: stack, displayName: stack, metadata: { path: `cdktf.out/stacks/${stack}`, type: 'terraform_dir' }, pastBreakdown: empty, breakdown: bd, diff: bd, summary: {} });
  }
  const meta = { infracostCommand: 'breakdown', vcsBranch: 'main', vcsCommitSha: 'x', vcsCommitAuthorName: 'x', vcsCommitAuthorEmail: 'x', vcsCommitTimestamp: '2026-08-20T12:00:00Z', vcsCommitMessage: 'x' };
  const doc = { version: '0.2', metadata: meta, currency: 'USD', projects, totalHourlyCost: '0', totalMonthlyCost: '0', pastTotalHourlyCost: '0', pastTotalMonthlyCost: '0', diffTotalHourlyCost: '0', diffTotalMonthlyCost: '0', timeGenerated: '2026-08-20T12:00:00Z', summary: {} };
  const breakdown = join(dir, 'breakdown.json');
  writeFileSync(breakdown, JSON.stringify(doc));
  return { outDir, breakdown };
}
