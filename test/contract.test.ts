// The public interface in one place that proves it (details live in the area tests).
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import {
  BudgetBasis, BudgetScope, CapacityType, CostBudget, GpuClusterError, GpuInstanceType, GpuNodeGroup, InstanceCatalog, pricingRegion,
} from '../src/index.js';
import { buildGpuClusterApp } from '../examples/gpu-cluster/app.js';
import { newStack, all, synthJson } from './support/synth.js';
import { errorOf } from './support/errors.js';

const tags = { team: 'search', costCenter: 'cc-1234', environment: 'prod' };
const group = (over: Record<string, unknown> = {}) => ({ clusterName: 'ml-prod', subnetIds: ['subnet-a'], instanceTypes: [GpuInstanceType.G6E_12XLARGE], scaling: { min: 0, desired: 1, max: 2 }, costTags: tags, ...over });

describe('public contract', () => {
  test('CapacityType values are the EKS strings', () => {
    expect(CapacityType.ON_DEMAND).toBe('ON_DEMAND');
    expect(CapacityType.SPOT).toBe('SPOT');
  });

  test('one GpuInstanceType static per catalog type, keyed by the API name; .name and toString() give the API name', () => {
    for (const spec of InstanceCatalog.gpuTypes()) {
      const key = spec.name.toUpperCase().replace(/[.-]/g, '_');
      const t = (GpuInstanceType as unknown as Record<string, GpuInstanceType>)[key];
      expect(t?.name).toBe(spec.name);
      expect(`${t}`).toBe(spec.name);
    }
    expect(GpuInstanceType.of('p6-b200.48xlarge').name).toBe('p6-b200.48xlarge');
    expect(() => GpuInstanceType.of('p6-b200.96xlarge')).toThrow(GpuClusterError);
  });

  test('errors are named GpuClusterError and begin with their code', () => {
    try {
      GpuInstanceType.of('nope.large');
      throw new Error('unreachable');
    } catch (e) {
      expect(e).toBeInstanceOf(GpuClusterError);
      expect((e as Error).name).toBe('GpuClusterError');
      expect((e as Error).message).toMatch(/^GpuClusterError UNKNOWN_INSTANCE_TYPE: /);
    }
  });

  test('synth-time problems are one GpuClusterError: the first problem\'s code, every problem in `problems` and as `[path] GpuClusterError CODE:` lines; the failing stack is not written', () => {
    const { app, stack } = newStack('us-east-1', 'ml');
    new GpuNodeGroup(stack, 'train', group({ instanceTypes: [GpuInstanceType.P5_48XLARGE], scaling: { min: 0, desired: 1, max: 4 } }));
    new CostBudget(stack, 'budget', { monthlyLimitUsd: 1000, basis: BudgetBasis.WORST_CASE });
    new CostBudget(stack, 'typo', { monthlyLimitUsd: 1000, basis: BudgetBasis.WORST_CASE, scope: BudgetScope.team('serach') });
    const error = errorOf(() => app.synth());
    expect(error.code).toBe('BUDGET_EXCEEDED');
    expect(error.problems?.map((p) => [p.code, p.path])).toEqual([
      ['BUDGET_EXCEEDED', 'ml/budget'],
      ['BUDGET_SCOPE_EMPTY', 'ml/typo'],
    ]);
    expect(error.message).toMatch(/^GpuClusterError BUDGET_EXCEEDED: synth found 2 problems\.\n/);
    expect(error.message).toMatch(/^\s*\[ml\/budget\] GpuClusterError BUDGET_EXCEEDED: /m);
    expect(error.message).toMatch(/^\s*\[ml\/typo\] GpuClusterError BUDGET_SCOPE_EMPTY: /m);
    // cdktf makes the empty stacks/ folder when the App is created; the synth wrote nothing into it.
    expect(readdirSync(join(app.outdir, 'stacks'))).toEqual([]);
    expect(existsSync(join(app.outdir, 'manifest.json'))).toBe(false);
  });

  test('the pricing region is the AwsProvider\'s (an alias wins where named); no region anywhere is a GpuClusterError', () => {
    const { stack } = newStack('eu-central-1', 'ml');
    new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'west' });
    expect(pricingRegion(stack)).toBe('eu-central-1');
    expect(pricingRegion(stack, { providerAlias: 'west' })).toBe('us-west-2');
    const bare = new TerraformStack(new App({ outdir: mkdtempSync(join(tmpdir(), 'contract-')) }), 'bare');
    new AwsProvider(bare, 'aws', {});
    expect(() => pricingRegion(bare)).toThrow(expect.objectContaining({ name: 'GpuClusterError', code: 'NO_PRICING_REGION' }));
  });

  test('without nodeRoleArn, one node role with its three managed policies is shared by every node group of a stack', () => {
    const { stack } = newStack('us-east-1', 'ml');
    new GpuNodeGroup(stack, 'a', group());
    new GpuNodeGroup(stack, 'b', group());
    const json = synthJson(stack);
    expect(all(json, 'aws_iam_role')).toHaveLength(1);
    expect(all(json, 'aws_iam_role_policy_attachment')).toHaveLength(3);
    const roles = new Set(all(json, 'aws_eks_node_group').map((g) => g.node_role_arn));
    expect(roles.size).toBe(1);
  });

  test('CostBudget needs only monthlyLimitUsd and basis: scope the stack, warning at 80 %', () => {
    const { stack } = newStack('us-east-1', 'ml');
    const budget = new CostBudget(stack, 'budget', { monthlyLimitUsd: 1, basis: BudgetBasis.EXPECTED });
    expect(budget.scope.id).toBe('stack');
    expect(budget.warnAtPercent).toBe(80);
  });

  test('reports go under the app\'s own outdir; policy-report.json is { findings: [...] }; synth is byte-identical twice', () => {
    const write = () => {
      const outdir = mkdtempSync(join(tmpdir(), 'contract-example-'));
      buildGpuClusterApp(outdir).app.synth();
      return outdir;
    };
    const [a, b] = [0, 1].map(write) as [string, string]; // one call site: annotations carry its stack trace
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
    const listA = files(a).map((f) => relative(a, f)).sort();
    for (const stack of ['ml-cluster', 'ml-addons']) {
      expect(listA).toEqual(expect.arrayContaining(['cdk.tf.json', 'cost-report.json', 'cost-report.md', 'policy-report.json'].map((f) => `stacks/${stack}/${f}`)));
    }
    expect(files(b).map((f) => relative(b, f)).sort()).toEqual(listA);
    for (const f of listA) expect(readFileSync(join(b, f), 'utf8')).toBe(readFileSync(join(a, f), 'utf8'));
    expect(Object.keys(JSON.parse(readFileSync(join(a, 'stacks/ml-addons/policy-report.json'), 'utf8')))).toEqual(['findings']);
  });
});
