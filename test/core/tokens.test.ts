/**
 * Tokens where a literal is needed are TOKEN_NOT_ALLOWED, saying why; props that only pass through
 * to Terraform take tokens, lists included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformVariable } from 'cdktf';
import { BudgetBasis, CapacityType, CostBudget, GpuInstanceType, GpuNodeGroup, GpuNodePool, Karpenter } from '../../src/index.js';
import { newStack, synthJson, only } from '../support/synth.js';
import { errorOf } from '../support/errors.js';

const costTags = { team: 'search', costCenter: 'cc-1234', environment: 'prod' };
const group = (extra: Record<string, unknown>) => ({ clusterName: 'ml-prod', subnetIds: ['subnet-a1'], instanceTypes: [GpuInstanceType.G6E_12XLARGE], scaling: { min: 1, desired: 1, max: 2 }, capacityType: CapacityType.ON_DEMAND, costTags, ...extra });

test.each([
  ['scaling.max', (n: number) => group({ scaling: { min: 1, desired: 1, max: n } })],
  ['scaling.desired', (n: number) => group({ scaling: { min: 1, desired: n, max: 2 } })],
])('a number token as %s is TOKEN_NOT_ALLOWED naming the prop, with no placeholder number', (prop, props) => {
  const { stack } = newStack();
  const n = new TerraformVariable(stack, 'n', { type: 'number' }).numberValue;
  const e = errorOf(() => new GpuNodeGroup(stack, 'g', props(n) as never));
  expect(e.code).toBe('TOKEN_NOT_ALLOWED');
  expect(e.message).toContain(`${prop}: is a token, and the node group is priced and checked at synth, before Terraform knows its value.`);
  expect(e.message).not.toMatch(/e\+\d{2,3}|TfToken|Infinity|NaN/);
});

test('a number token as gpuLimit or a budget limit is TOKEN_NOT_ALLOWED', () => {
  const { stack } = newStack();
  const n = new TerraformVariable(stack, 'n', { type: 'number' }).numberValue;
  const karpenter = new Karpenter(stack, 'karpenter', { clusterName: 'ml-prod', costTags });
  const pool = errorOf(() => new GpuNodePool(stack, 'pool', { karpenter, gpuNames: ['h100'], gpuLimit: n, costTags } as never));
  expect(pool.code).toBe('TOKEN_NOT_ALLOWED');
  expect(pool.prop).toBe('gpuLimit');
  expect(errorOf(() => new CostBudget(stack, 'b', { monthlyLimitUsd: n, basis: BudgetBasis.EXPECTED })).code).toBe('TOKEN_NOT_ALLOWED');
});

test('a list token as subnetIds or securityGroupIds passes through to Terraform', () => {
  const { stack } = newStack();
  const subnets = new TerraformVariable(stack, 'subnets', { type: 'list(string)' }).listValue;
  new GpuNodeGroup(stack, 'g', group({ subnetIds: subnets }) as never);
  expect(only(synthJson(stack), 'aws_eks_node_group').subnet_ids).toBe('${var.subnets}');
});

test('a message names a token as a token, never its placeholder', () => {
  const { stack } = newStack();
  const list = new TerraformVariable(stack, 'l', { type: 'list(string)' }).listValue;
  const e = errorOf(() => new GpuNodeGroup(stack, 'g', group({ securityGroupIds: list }) as never));
  expect(e.message).toContain('Given: a list token (its elements are known at apply only).');
  expect(e.message).not.toContain('TfToken');
});

test('a token count with a cost assumption: Terraform gets the token, the engine prices the assumption, the report says so', () => {
  const { app, stack } = newStack('us-east-1', 'ml');
  const max = new TerraformVariable(stack, 'max', { type: 'number' }).numberValue;
  const desired = new TerraformVariable(stack, 'desired', { type: 'number' }).numberValue;
  new GpuNodeGroup(stack, 'g', group({ scaling: { min: 1, desired, max }, costAssumptions: { scaling: { desired: 2, max: 6 } } }) as never);
  const ng = only(synthJson(stack), 'aws_eks_node_group');
  expect(ng.scaling_config).toEqual({ min_size: 1, desired_size: '${var.desired}', max_size: '${var.max}' });
  app.synth();
  const report = JSON.parse(readFileSync(join(app.outdir, 'stacks/ml/cost-report.json'), 'utf8'));
  const compute = report.lines.find((l: any) => l.category === 'compute');
  const price = report.lines[0].prices[0].usdPerHour;
  expect(compute.monthlyUsd).toEqual({ expected: Math.round(2 * 730 * price * 100) / 100, worstCase: Math.round(6 * 730 * price * 100) / 100 });
  expect(compute.assumptions).toEqual(expect.arrayContaining([
    'scaling.desired is a token: priced and checked at 2 (costAssumptions.scaling.desired)',
    'scaling.max is a token: priced and checked at 6 (costAssumptions.scaling.max)',
  ]));
});

test('without a cost assumption, the token count is TOKEN_NOT_ALLOWED naming the way out; an assumption out of order is refused like a count', () => {
  const { stack } = newStack();
  const max = new TerraformVariable(stack, 'max', { type: 'number' }).numberValue;
  const e = errorOf(() => new GpuNodeGroup(stack, 'g', group({ scaling: { min: 1, desired: 1, max } }) as never));
  expect(e.code).toBe('TOKEN_NOT_ALLOWED');
  expect(e.message).toContain('costAssumptions: { scaling: { max: 4 } }');
  expect(errorOf(() => new GpuNodeGroup(stack, 'h', group({ scaling: { min: 1, desired: 3, max }, costAssumptions: { scaling: { max: 2 } } }) as never)).code).toBe('INVALID_SCALING');
});
