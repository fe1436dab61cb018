/**
 * gpuLimit counts physical GPUs in every phase of a node. Karpenter counts a launching NodeClaim's
 * instance-type capacity (physical GPUs, vCPUs) and, once the device plugin registers, what the
 * node reports (MIG devices or replicas as nvidia.com/gpu, or nothing under mixed MIG and renamed
 * sharing); a new node is admitted while usage plus its capacity stays within every limit.
 *
 * The model here: usage of each existing node on a resource is whichever of its two phases counts
 * less (the adversarial case), the new node enters with its launch capacity. Every multiset of
 * nodes that can be reached so is enumerated, and its physical GPUs and on-demand cost compared
 * with the limit and with the cost report's worst case.
 */
import { GpuNodePool } from '../../src/karpenter/gpu-node-pool.js';
import type { GpuNodePoolProps } from '../../src/karpenter/gpu-node-pool.js';
import { GpuInstanceType } from '../../src/catalog/gpu-instance-type.js';
import { GpuSharing } from '../../src/catalog/gpu-sharing.js';
import { InstanceCatalog } from '../../src/catalog/instance-catalog.js';
import { MigLayout } from '../../src/catalog/mig-layout.js';
import { PriceBook } from '../../src/catalog/price-book.js';
import { collectCostProfiles } from '../../src/core/cost-registry.js';
import { priceProfiles } from '../../src/cost/tco-engine.js';
import { synthJson, warningsOf } from '../support/synth.js';
import { karpenterStack, objectOf, tags } from './support.js';

interface NodeKind { type: string; gpus: number; vcpu: number; reported: number; usdPerHour: number }

function pool(props: Partial<GpuNodePoolProps>) {
  const { stack, karpenter } = karpenterStack();
  const p = new GpuNodePool(stack, 'pool', { karpenter, amiAlias: 'al2023@v20260714', disruption: { consolidateAfter: '10m' }, costTags: tags, gpuLimit: 16, ...props } as GpuNodePoolProps);
  const limits = objectOf(synthJson(stack), 'NodePool').spec.limits as Record<string, number>;
  const book = PriceBook.forRegion('us-east-1');
  const kinds: NodeKind[] = p.instanceSpecs.map((s) => ({ type: s.name, gpus: s.gpuCount, vcpu: s.vcpu, reported: reported(p, s.name), usdPerHour: book.onDemand(s.name).usdPerHour }));
  const [line] = priceProfiles(collectCostProfiles(stack).map((c) => c.profile), book).filter((l) => l.category === 'compute');
  return { p, limits, kinds, worstMonthly: line!.monthlyUsd.worstCase, worstGpuHours: line!.gpuHours!.worstCase, warnings: warningsOf(p) };
}

/** nvidia.com/gpu a registered node of `type` reports under the pool's partitioning. */
function reported(p: GpuNodePool, type: string): number {
  const gpus = InstanceCatalog.gpu(type)!.gpuCount;
  const devices = p.sharing ? p.sharing.advertisedResourcesPerNode(type, { migLayout: p.migLayout }) : p.migLayout ? p.migLayout.advertisedResourcesPerNode(type) : { 'nvidia.com/gpu': gpus };
  return devices['nvidia.com/gpu'] ?? 0;
}

/** The most physical GPUs and the dearest on-demand hour over every node multiset the limits admit. */
function mostAdmitted(kinds: NodeKind[], limits: Record<string, number>): { gpus: number; usdPerHour: number } {
  const gpuLimit = limits['nvidia.com/gpu'] ?? Infinity;
  const cpuLimit = limits.cpu ?? Infinity;
  let best = { gpus: 0, usdPerHour: 0 };
  const counts = kinds.map(() => 0);
  const visit = (i: number): void => {
    if (i === kinds.length) return;
    for (;;) {
      // Add one more node of kind i if the others, at their least-counted phase, leave room for its launch capacity.
      const others = kinds.reduce((a, k, j) => ({ gpu: a.gpu + counts[j]! * Math.min(k.gpus, k.reported), cpu: a.cpu + counts[j]! * k.vcpu }), { gpu: 0, cpu: 0 });
      if (others.gpu + kinds[i]!.gpus > gpuLimit || others.cpu + kinds[i]!.vcpu > cpuLimit) break;
      counts[i]!++;
      const gpus = kinds.reduce((a, k, j) => a + counts[j]! * k.gpus, 0);
      const usd = kinds.reduce((a, k, j) => a + counts[j]! * k.usdPerHour, 0);
      best = { gpus: Math.max(best.gpus, gpus), usdPerHour: Math.max(best.usdPerHour, usd) };
      visit(i + 1);
    }
    const added = counts[i]!;
    counts[i] = 0;
    if (added > 0 || i < kinds.length) visit(i + 1);
  };
  visit(0);
  return best;
}

describe('written limits admit at most gpuLimit physical GPUs, and the worst case prices the most they admit', () => {
  test.each<[string, Partial<GpuNodePoolProps>, Record<string, number>]>([
    // 8 H100 per p5.48xlarge, 2 x 3g.40gb per GPU: registered nodes report 16 nvidia.com/gpu.
    ['MIG single (3g.40gb on p5.48xlarge)', { instanceTypes: [GpuInstanceType.P5_48XLARGE], migLayout: MigLayout.uniform('3g.40gb') }, { 'nvidia.com/gpu': 32, cpu: 384 }],
    // Mixed: nodes report nvidia.com/mig-* and no nvidia.com/gpu once registered.
    ['MIG mixed (4g.40gb + 3g.40gb on p5.48xlarge)', { instanceTypes: [GpuInstanceType.P5_48XLARGE], migLayout: MigLayout.mixed({ '4g.40gb': 1, '3g.40gb': 1 }) }, { 'nvidia.com/gpu': 16, cpu: 384 }],
    // 4 L40S per g6e.12xlarge (48 vCPUs), 4 replicas each: 16 nvidia.com/gpu reported.
    ['time-slicing x4 (g6e.12xlarge)', { instanceTypes: [GpuInstanceType.G6E_12XLARGE], sharing: GpuSharing.timeSlicing({ replicas: 4 }) }, { 'nvidia.com/gpu': 64, cpu: 192 }],
    ['time-slicing x4 renamed (g6e.12xlarge)', { instanceTypes: [GpuInstanceType.G6E_12XLARGE], sharing: GpuSharing.timeSlicing({ replicas: 4, renameByDefault: true }) }, { 'nvidia.com/gpu': 16, cpu: 192 }],
    ['MPS x2 (g6e.12xlarge)', { instanceTypes: [GpuInstanceType.G6E_12XLARGE], sharing: GpuSharing.mps({ replicas: 2 }) }, { 'nvidia.com/gpu': 32, cpu: 192 }],
    ['whole GPUs (g6e.12xlarge)', { instanceTypes: [GpuInstanceType.G6E_12XLARGE] }, { 'nvidia.com/gpu': 16 }],
  ])('%s', (_what, props, expected) => {
    const { limits, kinds, worstMonthly, worstGpuHours } = pool(props);
    expect(limits).toEqual(expected);
    const most = mostAdmitted(kinds, limits);
    expect(most.gpus).toBe(16);
    expect(worstGpuHours).toBe(most.gpus * 730);
    expect(worstMonthly).toBeCloseTo(most.usdPerHour * 730, 2);
  });

  test('without the cpu limit, a MIG single pool admits twice its GPUs (the limit a pool with only nvidia.com/gpu would need to reach them)', () => {
    const { kinds } = pool({ instanceTypes: [GpuInstanceType.P5_48XLARGE], migLayout: MigLayout.uniform('3g.40gb') });
    expect(mostAdmitted(kinds, { 'nvidia.com/gpu': 32 }).gpus).toBe(32);
    expect(mostAdmitted(kinds, { 'nvidia.com/gpu': 16 }).gpus).toBe(16);
  });

  test('types with more vCPUs per GPU fill fewer GPUs under the cpu limit: never more than gpuLimit, with a warning naming them', () => {
    const { limits, kinds, warnings, worstMonthly } = pool({ gpuNames: ['h100', 'a100'], gpuLimit: 64, migLayout: MigLayout.uniform('3g.40gb') });
    // p4de.24xlarge: 96 vCPUs for 8 A100 = 12 per GPU, the lowest: 64 x 12 = 768.
    expect(limits.cpu).toBe(768);
    expect(mostAdmitted(kinds, limits).gpus).toBeLessThanOrEqual(64);
    expect(warnings.join('\n')).toMatch(/cpu limit of 768 vCPUs .*p5\.48xlarge fills only 32/);
    // The report's worst case: the dearest mix the limits admit (here 48 x p5.4xlarge).
    const p54 = kinds.find((k) => k.type === 'p5.4xlarge')!;
    expect(worstMonthly).toBeCloseTo(48 * p54.usdPerHour * 730, 2);
    expect(worstMonthly).toBeCloseTo(mostAdmitted(kinds, limits).usdPerHour * 730, 2);
  });

  test('whole GPUs, two sizes: a 12-GPU limit admits one 8-GPU and one 4-GPU node, dearer than any one size, and the report prices that mix', () => {
    const { limits, kinds, worstMonthly, worstGpuHours } = pool({ instanceTypes: [GpuInstanceType.G6E_12XLARGE, GpuInstanceType.G6E_48XLARGE], gpuLimit: 12 });
    expect(limits).toEqual({ 'nvidia.com/gpu': 12 });
    const most = mostAdmitted(kinds, limits);
    const [g12, g48] = ['g6e.12xlarge', 'g6e.48xlarge'].map((t) => kinds.find((k) => k.type === t)!);
    expect(most.usdPerHour).toBeCloseTo(Math.max(3 * g12!.usdPerHour, g48!.usdPerHour + g12!.usdPerHour), 6);
    expect(worstMonthly).toBeCloseTo(most.usdPerHour * 730, 2);
    expect(worstGpuHours).toBe(12 * 730);
  });
});
