/**
 * Team names Kubernetes cannot carry as label values: nodes get the label-safe form (with a
 * warning), Karpenter nodes keep the original in an annotation, and budget alerts match the form.
 */
import { BudgetBasis, BudgetScope, CapacityType, CostBudget, GpuAlertRules, GpuInstanceType, GpuNodeGroup, GpuNodePool } from '../../src/index.js';
import { labelSafeValue } from '../../src/base/labels.js';
import { synthJson, warningsOf, withExistingMonitoring } from '../support/synth.js';
import { crdErrors, karpenterStack, objectOf } from './support.js';
import { rulesFile } from '../observability/support.js';

test.each([
  ['search', 'search'],
  ['ML Search', 'ML-Search'],
  ['Équipe Données', 'Equipe-Donnees'],
  ['  trailing  ', 'trailing'],
  ['team=a=b', 'team-a-b'],
])('the label-safe form of %j is %j', (name, form) => {
  expect(labelSafeValue(name)).toBe(form);
});

test('a name of other scripts or over 63 characters gets a stable hashed form that fits', () => {
  const jp = labelSafeValue('日本語チーム');
  expect(jp).toMatch(/^x-[0-9a-f]{8}$/);
  expect(labelSafeValue('日本語チーム')).toBe(jp);
  expect(labelSafeValue('中文团队')).not.toBe(jp);
  const long = labelSafeValue(`research ${'x'.repeat(80)}`);
  expect(long.length).toBeLessThanOrEqual(63);
  expect(long).toMatch(/^research-x+-[0-9a-f]{8}$/);
});

test('a pool and a node group of team "ML Search": labelled ML-Search, warned, the original kept on Karpenter nodes, the budget alert on ML-Search', () => {
  const { stack, karpenter } = karpenterStack();
  const costTags = { team: 'ML Search', costCenter: 'cc 1234', environment: 'prod' };
  const pool = new GpuNodePool(stack, 'train', { karpenter, instanceTypes: [GpuInstanceType.P5_48XLARGE], gpuLimit: 16, amiAlias: 'al2023@v20260714', disruption: { consolidateAfter: '10m' }, costTags });
  const group = new GpuNodeGroup(stack, 'infer', { clusterName: 'ml-prod', subnetIds: ['subnet-a1'], instanceTypes: [GpuInstanceType.G6E_12XLARGE], scaling: { min: 1, desired: 1, max: 2 }, capacityType: CapacityType.ON_DEMAND, costTags });
  new CostBudget(stack, 'ml-search', { monthlyLimitUsd: 1_000_000, basis: BudgetBasis.EXPECTED, scope: BudgetScope.team('ML Search') });
  withExistingMonitoring(stack);
  new GpuAlertRules(stack, 'alerts', {});
  const json = synthJson(stack);
  const nodePool = objectOf(json, 'NodePool', pool.poolName);
  expect(nodePool.spec.template.metadata.labels).toMatchObject({ 'cdktf-gpu-cluster/team': 'ML-Search', 'cdktf-gpu-cluster/cost-center': 'cc-1234' });
  expect(nodePool.spec.template.metadata.annotations).toEqual({ 'cdktf-gpu-cluster/team': 'ML Search', 'cdktf-gpu-cluster/cost-center': 'cc 1234' });
  expect(crdErrors(nodePool)).toEqual([]);
  const ng = Object.values<any>(json.resource.aws_eks_node_group)[0];
  expect(ng.labels).toMatchObject({ 'cdktf-gpu-cluster/team': 'ML-Search' });
  for (const c of [pool, group]) {
    expect(warningsOf(c)).toContain('cost tag team "ML Search" is no Kubernetes label value: nodes carry cdktf-gpu-cluster/team=ML-Search (the label-safe form), and recording rules and budget alerts match that');
  }
  const alert = rulesFile(json).groups.flatMap((g) => g.rules).find((r) => r.alert === 'GpuProjectedMonthlySpendOverBudget' && r.labels.budget === 'test/ml-search');
  expect(alert!.expr).toContain('{team="ML-Search"}');
});

test('two teams whose names become one label ("ML Search" and "ML-Search") are COST_TAG_LABEL_CLASH', () => {
  const { stack, karpenter } = karpenterStack();
  const tags = (team: string) => ({ team, costCenter: 'cc-1', environment: 'prod' });
  new GpuNodePool(stack, 'a', { karpenter, instanceTypes: [GpuInstanceType.P5_48XLARGE], gpuLimit: 8, amiAlias: 'al2023@v20260714', disruption: { consolidateAfter: '10m' }, costTags: tags('ML Search') });
  new GpuNodeGroup(stack, 'b', { clusterName: 'ml-prod', subnetIds: ['subnet-a1'], instanceTypes: [GpuInstanceType.G6E_12XLARGE], scaling: { min: 1, desired: 1, max: 2 }, capacityType: CapacityType.ON_DEMAND, costTags: tags('ML-Search') });
  expect(() => synthJson(stack)).toThrow(/\[test\/a\] GpuClusterError COST_TAG_LABEL_CLASH: costTags \(team\): becomes the node label cdktf-gpu-cluster\/team=ML-Search, as "ML-Search" of test\/b does/);
});
