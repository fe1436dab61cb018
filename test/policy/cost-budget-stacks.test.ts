import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { BudgetBasis, BudgetScope, CostBudget, GpuClusterError, GpuInstanceType, GpuNodeGroup } from '../../src/index.js';
import { newStack } from '../support/synth.js';
import { errorOf } from '../support/errors.js';

// One p5.48xlarge in us-east-1: 55.04 USD/h x 730 h = 40,179.20, plus its 200 GiB gp3 root volume
// at 0.08 USD/GB-month = 16.00: 40,195.20 a month at worst case (max 1 node).
const ONE_P5 = 40_195.2;

function twoStacks() {
  const { app, stack: cluster } = newStack('us-east-1', 'ml-cluster');
  const addons = new TerraformStack(app, 'ml-addons');
  new AwsProvider(addons, 'aws', { region: 'us-east-1' });
  const group = (stack: TerraformStack, id: string, team: string) =>
    new GpuNodeGroup(stack, id, {
      clusterName: 'ml', subnetIds: ['subnet-a'], instanceTypes: [GpuInstanceType.P5_48XLARGE], scaling: { min: 0, desired: 1, max: 1 },
      costTags: { team, costCenter: 'cc-1', environment: 'prod' },
    });
  group(cluster, 'training', 'search');
  group(addons, 'batch', 'ads');
  return { app, cluster, addons };
}

const report = (outdir: string, stack: string) => JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cost-report.json'), 'utf8'));

describe('CostBudget.includeStacks', () => {
  test('a budget covering another stack counts its lines and names them among the biggest', () => {
    const { app, cluster, addons } = twoStacks();
    new CostBudget(addons, 'budget', { monthlyLimitUsd: 50_000, basis: BudgetBasis.WORST_CASE, includeStacks: [cluster] });
    expect(() => app.synth()).toThrow(/\[ml-addons\/budget\] GpuClusterError BUDGET_EXCEEDED: worst-case monthly cost 80,390\.40 USD .*ml-cluster\/training/);
  });

  test('without it the budget sees only its own stack; with it the report lists both stacks', () => {
    const { app, cluster, addons } = twoStacks();
    new CostBudget(addons, 'own', { monthlyLimitUsd: 50_000, basis: BudgetBasis.WORST_CASE });
    new CostBudget(addons, 'both', { monthlyLimitUsd: 100_000, basis: BudgetBasis.WORST_CASE, includeStacks: [cluster, addons] });
    app.synth();
    const budgets = report(app.outdir, 'ml-addons').budgets;
    expect(budgets[0]).toMatchObject({ projectedMonthlyUsd: ONE_P5, status: 'near-limit' });
    expect(budgets[0].stacks).toBeUndefined();
    // Its own stack listed once, first.
    expect(budgets[1]).toMatchObject({ projectedMonthlyUsd: 2 * ONE_P5, stacks: ['ml-addons', 'ml-cluster'], status: 'near-limit' });
    // The cluster stack's report keeps only its own lines.
    expect(report(app.outdir, 'ml-cluster').totals.worstCase.monthly).toBe(ONE_P5);
  });

  test('a team scope applies across the stacks', () => {
    const { app, cluster, addons } = twoStacks();
    new CostBudget(addons, 'search', { monthlyLimitUsd: 45_000, basis: BudgetBasis.WORST_CASE, scope: BudgetScope.team('search'), includeStacks: [cluster] });
    app.synth();
    expect(report(app.outdir, 'ml-addons').budgets[0]).toMatchObject({ projectedMonthlyUsd: ONE_P5, scope: 'team=search' });
  });

  test('something other than stacks is a GpuClusterError', () => {
    const { addons } = twoStacks();
    const e = errorOf(() => new CostBudget(addons, 'b', { monthlyLimitUsd: 1, basis: BudgetBasis.EXPECTED, includeStacks: ['ml-cluster' as never] }));
    expect(e).toBeInstanceOf(GpuClusterError);
    expect(e.message).toMatch(/includeStacks/);
  });
});
