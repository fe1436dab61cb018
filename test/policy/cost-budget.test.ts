import { execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { BudgetBasis, BudgetScope, CostBudget, CostPolicy, GpuClusterError, GpuInstanceType, GpuNodeGroup } from '../../src/index.js';
import { TerraformVariable } from 'cdktf';
import { newStack } from '../support/synth.js';
import { errorOf } from '../support/errors.js';

const tags = { team: 'search', costCenter: 'cc-1234', environment: 'prod' };

function stackWith(max: number, region = 'us-east-1') {
  const { app, stack } = newStack(region, 'ml');
  const group = new GpuNodeGroup(stack, 'training', {
    clusterName: 'ml-prod', subnetIds: ['subnet-a'], instanceTypes: [GpuInstanceType.P5_48XLARGE], scaling: { min: 0, desired: 1, max }, costTags: tags,
  });
  return { app, stack, group };
}

describe('CostBudget', () => {
  test('over the limit, synth fails naming limit, figure, basis and the biggest lines', () => {
    const { app, stack } = stackWith(4);
    new CostBudget(stack, 'budget', { monthlyLimitUsd: 1000, basis: BudgetBasis.WORST_CASE });
    expect(() => app.synth()).toThrow(
      /\[ml\/budget\] GpuClusterError BUDGET_EXCEEDED: worst-case monthly cost 160,780\.80 USD is over the budget limit of 1,000\.00 USD .*basis WORST_CASE.*ml\/training 1-4 x p5\.48xlarge on-demand: 160,716\.80/,
    );
  });

  test('the expected basis uses desired counts; under the limit synth passes and writes the reports under the app outdir', () => {
    const { app, stack } = stackWith(4);
    new CostBudget(stack, 'budget', { monthlyLimitUsd: 50_000, basis: BudgetBasis.EXPECTED });
    app.synth();
    const report = JSON.parse(readFileSync(join(app.outdir, 'stacks/ml/cost-report.json'), 'utf8'));
    expect(report.budgets[0]).toMatchObject({ basis: 'EXPECTED', monthlyLimitUsd: 50000, projectedMonthlyUsd: 40195.2, status: 'near-limit' });
    expect(report.totals.expected.monthly).toBe(40195.2);
    expect(report.totals.worstCase.monthly).toBe(160780.8);
    expect(report.region).toBe('us-east-1');
    expect(readFileSync(join(app.outdir, 'stacks/ml/cost-report.md'), 'utf8')).toContain('pie title');
    expect(JSON.parse(readFileSync(join(app.outdir, 'stacks/ml/policy-report.json'), 'utf8')).findings[0].ruleId).toBe('budget-near-limit');
  });

  test('a team scope counts only that team (an acknowledged empty scope reads 0)', () => {
    const { app, stack } = stackWith(4);
    const budget = new CostBudget(stack, 'other-team', { monthlyLimitUsd: 1, basis: BudgetBasis.WORST_CASE, scope: BudgetScope.team('ads') });
    CostPolicy.acknowledge(budget, { rule: 'budget-scope-empty', reason: 'ads moves onto this cluster next quarter (PLAT-88)' });
    app.synth();
    const report = JSON.parse(readFileSync(join(app.outdir, 'stacks/ml/cost-report.json'), 'utf8'));
    expect(report.budgets[0]).toMatchObject({ projectedMonthlyUsd: 0, status: 'ok' });
    expect(report.findings.find((f: any) => f.ruleId === 'budget-scope-empty')).toMatchObject({ level: 'error', acknowledged: { reason: 'ads moves onto this cluster next quarter (PLAT-88)' } });
  });

  test.each([
    ['a typo', 'serach'],
    ['a trailing space', 'search '],
  ])('a team scope that matches no line (%s) fails synth with BUDGET_SCOPE_EMPTY, the closest scope first', (_what, team) => {
    const { app, stack } = stackWith(4);
    new CostBudget(stack, 'search-budget', { monthlyLimitUsd: 100_000, basis: BudgetBasis.EXPECTED, scope: BudgetScope.team(team) });
    expect(() => app.synth()).toThrow(`GpuClusterError BUDGET_SCOPE_EMPTY: scope ${JSON.stringify(`team=${team}`)} matches no cost line of stack(s) ml, so the budget would read 0 whatever is deployed. Scopes that exist, closest first: "team=search", "cost-center=cc-1234"`);
  });

  test('a team whose name holds "=" is matched whole (the scope splits at the first "=")', () => {
    const { app, stack } = newStack('us-east-1', 'ml');
    new GpuNodeGroup(stack, 'training', {
      clusterName: 'ml-prod', subnetIds: ['subnet-a'], instanceTypes: [GpuInstanceType.P5_48XLARGE], scaling: { min: 0, desired: 1, max: 1 }, costTags: { ...tags, team: 'ml=search' },
    });
    new CostBudget(stack, 'b', { monthlyLimitUsd: 50_000, basis: BudgetBasis.EXPECTED, scope: BudgetScope.team('ml=search') });
    app.synth();
    const report = JSON.parse(readFileSync(join(app.outdir, 'stacks/ml/cost-report.json'), 'utf8'));
    expect(report.budgets[0]).toMatchObject({ scope: 'team=ml=search', projectedMonthlyUsd: 40195.2 });
  });

  test('a team or cost-center that is a token is TOKEN_NOT_ALLOWED, in the cost tags and in the scope', () => {
    const { stack } = stackWith(1);
    const team = new TerraformVariable(stack, 'team', { type: 'string' }).stringValue;
    const e = errorOf(() => new GpuNodeGroup(stack, 'g', { clusterName: 'ml-prod', subnetIds: ['subnet-a'], instanceTypes: [GpuInstanceType.P5_48XLARGE], scaling: { min: 0, desired: 1, max: 1 }, costTags: { ...tags, costCenter: team } }));
    expect(e.code).toBe('TOKEN_NOT_ALLOWED');
    expect(e.message).toContain('costTags.costCenter: must be a literal: budgets, node labels and cost reports group by cost-center at synth');
    expect(e.message).not.toMatch(/e\+\d{3}|TfToken/);
    expect(errorOf(() => BudgetScope.team(team)).code).toBe('TOKEN_NOT_ALLOWED');
    const limit = new TerraformVariable(stack, 'limit', { type: 'number' }).numberValue;
    const l = errorOf(() => new CostBudget(stack, 'b', { monthlyLimitUsd: limit, basis: BudgetBasis.EXPECTED }));
    expect(l.code).toBe('TOKEN_NOT_ALLOWED');
    expect(l.message).toContain('Given: a number token (its value is known at apply only).');
  });

  test('an acknowledgement with a reason lets synth pass and is recorded', () => {
    const { app, stack, group } = stackWith(4);
    new CostBudget(stack, 'budget', { monthlyLimitUsd: 1000, basis: BudgetBasis.WORST_CASE });
    CostPolicy.acknowledge(group, { rule: 'budget-exceeded', reason: 'Q4 launch, approved by finance FIN-221' });
    app.synth();
    const report = JSON.parse(readFileSync(join(app.outdir, 'stacks/ml/cost-report.json'), 'utf8'));
    expect(report.budgets[0]).toMatchObject({ status: 'exceeded-acknowledged', acknowledgement: { reason: 'Q4 launch, approved by finance FIN-221', by: 'ml/training' } });
  });

  test.each([
    [{ monthlyLimitUsd: -1, basis: BudgetBasis.EXPECTED }, 'monthlyLimitUsd'],
    [{ monthlyLimitUsd: NaN, basis: BudgetBasis.EXPECTED }, 'Given: NaN'],
    [{ monthlyLimitUsd: 10, basis: 'MONTHLY' }, 'basis'],
    [{ monthlyLimitUsd: 10, basis: BudgetBasis.EXPECTED, warnAtPercent: 120 }, 'warnAtPercent'],
  ])('bad props %j are a GpuClusterError naming %s', (props, text) => {
    const { stack } = stackWith(1);
    expect(() => new CostBudget(stack, 'b', props as any)).toThrow(GpuClusterError);
    expect(() => new CostBudget(stack, 'c', props as any)).toThrow(text);
  });

  test('an acknowledgement needs a known rule and a reason of 10+ characters', () => {
    const { group } = stackWith(1);
    expect(() => CostPolicy.acknowledge(group, { rule: 'budget-exceeded', reason: 'ok' })).toThrow(/reason/);
    expect(() => CostPolicy.acknowledge(group, { rule: 'no-such-rule', reason: 'a long enough reason' })).toThrow(/rule/);
  });

  test('a stack in a region without prices fails synth naming the type and the fixes', () => {
    const { app } = stackWith(1, 'mx-central-1');
    expect(() => app.synth()).toThrow(/NO_PRICE_IN_REGION[\s\S]*p5\.48xlarge[\s\S]*mx-central-1[\s\S]*gpu-tco prices fetch/);
  });
});

describe('examples/over-budget', () => {
  test('its synth exits non-zero with the budget message', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'over-budget-'));
    let out = '';
    let status = 0;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'examples/over-budget/main.ts'], { env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: 'utf8', stdio: 'pipe' });
    } catch (e: any) {
      status = e.status;
      out = `${e.stdout}${e.stderr}`;
    }
    expect(status).not.toBe(0);
    expect(out).toMatch(/\[ml\/ml-addons\/budget\] GpuClusterError BUDGET_EXCEEDED: worst-case monthly cost [\d,.]+ USD is over the budget limit of 120,000\.00 USD/);
    // The biggest line: the MIG pool's cpu limit (64 GPUs x 12 vCPUs per GPU of p4de.24xlarge = 768)
    // admits at most 48 x p5.4xlarge (16 vCPUs, 1 GPU), the dearest fill: 48 x 6.88 x 730 h.
    expect(out).toMatch(/Biggest lines: ml\/ml-addons\/training GPU pool, limit 64 GPUs [^;]*: 241,075\.20; ml\/ml-cluster\/inference 2-8 x g6e\.12xlarge on-demand: 61,277\.02/);
  });
});
