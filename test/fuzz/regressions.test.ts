import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { GpuCluster } from '../../src/cluster/gpu-cluster.js';
import { BudgetBasis } from '../../src/policy/cost-budget.js';
// Crashes the fuzzers found, kept as plain cases: each must be a GpuClusterError naming the prop.
import { GpuNodePool } from '../../src/karpenter/gpu-node-pool.js';
import type { GpuNodePoolProps } from '../../src/karpenter/gpu-node-pool.js';
import { NodeOverlay } from '../../src/karpenter/node-overlay.js';
import type { NodeOverlayProps } from '../../src/karpenter/node-overlay.js';
import { errorOf, karpenterStack, tags } from '../karpenter/support.js';
import { synthJson } from '../support/synth.js';

const pool = { gpuNames: ['l40s'], gpuLimit: 8, amiAlias: 'al2023@v20250807', disruption: { consolidateAfter: '10m' }, costTags: tags };

describe('fuzz regressions', () => {
  test.each([0, {}, 'In', [null], [[]]])('GpuNodePool requirements %j is a GpuClusterError, not a TypeError', (requirements) => {
    const { stack, karpenter } = karpenterStack();
    const e = errorOf(() => new GpuNodePool(stack, 'p', { karpenter, ...pool, requirements } as unknown as GpuNodePoolProps));
    expect(e.code).toBe('INVALID_REQUIREMENT');
    expect(e.message).toContain('requirements');
  });

  test.each([{}, 'x', [null], [{ key: 'example.com/x' }]])('NodeOverlay requirements %j is a GpuClusterError at construction', (requirements) => {
    const { stack, karpenter } = karpenterStack();
    const e = errorOf(() => new NodeOverlay(stack, 'o', { karpenter, capacity: { 'example.com/fpga': 1 }, requirements } as unknown as NodeOverlayProps));
    expect(e.code).toMatch(/^INVALID_(REQUIREMENT|CHOICE)$/);
    expect(e.message).toContain('requirements');
  });
});

describe('fuzz regressions: ManifestBundle', () => {
  test.each([null, 5, 'x', [], {}, { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }])('add(%j) is a GpuClusterError, not a TypeError or a broken chart', (object) => {
    const { stack, karpenter } = karpenterStack();
    const e = errorOf(() => karpenter.manifests.add(object as never));
    expect(e.code).toBe('INVALID_KUBERNETES_OBJECT');
    expect(e.message).toContain('[test/karpenter/objects] add(object):');
    expect(stack).toBeDefined();
  });

  test('a producer returning a non-object is reported at synth', () => {
    const { stack, karpenter } = karpenterStack();
    karpenter.manifests.add(() => null as never);
    expect(() => synthJson(stack)).toThrow(/GpuClusterError INVALID_KUBERNETES_OBJECT: object added to test\/karpenter\/objects: is not an object/);
  });
});

describe('fuzz regressions: GpuCluster', () => {
  const existing = () => {
    const stack = new TerraformStack(new App({ outdir: mkdtempSync(join(tmpdir(), 'reg-')) }), 'platform');
    return GpuCluster.fromExisting(stack, 'gpu', { clusterName: 'ml-prod', region: 'us-east-1', costTags: tags, subnetIds: ['subnet-0a1b2c3d'] });
  };

  test.each([0, {}, Object.create(null)])('addBudget id %p is a GpuClusterError, not a TypeError', (id) => {
    expect(() => existing().addBudget(id as never, { monthlyLimitUsd: 10, basis: BudgetBasis.EXPECTED })).toThrow(/GpuClusterError INVALID_STRING: .*addBudget\(<(number|object)>\)\] id/);
  });

  test('a pool named like the cluster construct in its stack is a DUPLICATE_NAME, not a construct clash', () => {
    expect(() => existing().addSpotPool('gpu', { gpuNames: ['l40s'], gpuLimit: 8 })).toThrow(/GpuClusterError DUPLICATE_NAME: .*addSpotPool\(gpu\)\] id/);
    expect(() => existing().addNodeGroup('karpenter', { instanceTypes: ['g6e.xlarge'], scaling: { min: 0, desired: 0, max: 1 } })).toThrow(/DUPLICATE_NAME/);
  });
});
