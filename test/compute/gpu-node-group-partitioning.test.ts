import { GpuNodeGroup } from '../../src/compute/gpu-node-group.js';
import type { GpuNodeGroupProps } from '../../src/compute/gpu-node-group.js';
import { errorOf } from '../support/errors.js';
import { costProfileOf } from '../../src/core/cost-registry.js';
import { DEVICE_PLUGIN_CONFIG_LABEL, MIG_CONFIG_LABEL, collectGpuPartitions } from '../../src/compute/gpu-partitions.js';
import { GpuSharing } from '../../src/catalog/gpu-sharing.js';
import { MigLayout } from '../../src/catalog/mig-layout.js';
import { PriceBook } from '../../src/catalog/price-book.js';
import { priceProfiles } from '../../src/cost/tco-engine.js';
import { buildReport } from '../../src/cost/cost-report.js';
import type { CostProfile } from '../../src/cost/cost-profile.js';
import { newStack, only, synthJson } from '../support/synth.js';

const tags = { team: 'search', costCenter: 'cc-1234', environment: 'prod' };
const base: GpuNodeGroupProps = {
  clusterName: 'ml-prod',
  subnetIds: ['subnet-a'],
  instanceTypes: ['p5.48xlarge'],
  scaling: { min: 0, desired: 1, max: 2 },
  costTags: tags,
};

function group(props: Partial<GpuNodeGroupProps>, id = 'mig') {
  const { stack } = newStack();
  return { stack, group: new GpuNodeGroup(stack, id, { ...base, ...props }) };
}

/** Unit costs of one construct's profile, priced in us-east-1. */
function unitCosts(profile: CostProfile) {
  const lines = priceProfiles([profile], PriceBook.forRegion('us-east-1'));
  const report = buildReport({ stack: 'test', region: 'us-east-1', years: 1, lines, budgets: [], findings: [], recommendations: [] });
  const total = lines.reduce((s, l) => s + l.monthlyUsd.expected, 0);
  return { total, units: Object.fromEntries(report.unitCosts.map((u) => [u.unit, u.usd])) };
}

describe('GpuNodeGroup with a MIG layout and time-slicing, when synthesized', () => {
  const migLayout = MigLayout.uniform('1g.10gb');
  const sharing = GpuSharing.timeSlicing({ replicas: 2 });
  const { stack, group: g } = group({ migLayout, sharing });
  const json = synthJson(stack);

  test('the node group carries the mig.config and device-plugin.config labels the operator selects on', () => {
    const labels = only(json, 'aws_eks_node_group').labels;
    expect(labels[MIG_CONFIG_LABEL]).toBe('all-1g.10gb');
    expect(labels[DEVICE_PLUGIN_CONFIG_LABEL]).toBe('time-slicing-2-all-1g.10gb');
    expect(labels).toMatchObject({ 'cdktf-gpu-cluster/pool': 'mig', 'cdktf-gpu-cluster/team': 'search' });
  });

  test('it declares its partitioning for the GPU Operator: the layout and the device-plugin config of that name', () => {
    const [d, ...rest] = collectGpuPartitions(stack);
    expect(rest).toEqual([]);
    expect(d!.owner).toBe(g);
    expect(d!.instanceTypes).toEqual(['p5.48xlarge']);
    expect(d!.migLayout).toBe(migLayout);
    expect(d!.devicePluginConfig).toEqual({
      name: 'time-slicing-2-all-1g.10gb',
      config: { version: 'v1', sharing: { timeSlicing: { resources: [{ name: 'nvidia.com/gpu', replicas: 2 }] } } },
    });
  });

  test('the cost profile counts 7 slices and 14 shared replicas per H100; each carries the whole GPU cost', () => {
    expect(costProfileOf(g)).toMatchObject({
      slicesPerGpu: { 'MIG 1g.10gb slice': 7, '1g.10gb shared replica': 14 },
      sliceCostShare: { 'MIG 1g.10gb slice': 1, '1g.10gb shared replica': 1 },
    });
  });

  test('the report prices a slice-hour at 1/56 and a replica-hour at 1/112 of a node-hour (8 GPUs x 7 slices x 2 replicas)', () => {
    const { total, units } = unitCosts(costProfileOf(g)!);
    // 1 node (desired) x 730 h: 5,840 GPU-hours, 40,880 slice-hours, 81,760 replica-hours.
    expect(units['MIG 1g.10gb slice-hour (test/mig)']).toBeCloseTo(total / 40_880, 4);
    expect(units['1g.10gb shared replica-hour (test/mig)']).toBeCloseTo(total / 81_760, 4);
    expect(units['GPU-hour']).toBeCloseTo(total / 5_840, 4);
  });
});

describe('GpuNodeGroup: cost of a mixed layout is split by compute slices', () => {
  test('3g.40gb + 2g.20gb + 1g.10gb: shares 3/6, 2/6, 1/6 of the cost; a 3g slice-hour costs three 1g slice-hours', () => {
    const { group: g } = group({ migLayout: MigLayout.mixed({ '3g.40gb': 1, '2g.20gb': 1, '1g.10gb': 1 }) });
    const profile = costProfileOf(g)!;
    expect(profile).toMatchObject({
      slicesPerGpu: { 'MIG 3g.40gb slice': 1, 'MIG 2g.20gb slice': 1, 'MIG 1g.10gb slice': 1 },
      sliceCostShare: { 'MIG 3g.40gb slice': 0.5, 'MIG 2g.20gb slice': 2 / 6, 'MIG 1g.10gb slice': 1 / 6 },
    });
    const { total, units } = unitCosts(profile);
    // 5,840 GPU-hours, one slice of each profile per GPU.
    expect(units['MIG 3g.40gb slice-hour (test/mig)']).toBeCloseTo((total * 0.5) / 5_840, 4);
    expect(units['MIG 1g.10gb slice-hour (test/mig)']).toBeCloseTo(total / 6 / 5_840, 4);
  });

  test('time-slicing x4 on g6e.12xlarge (4 x L40S), 2 nodes: a replica-hour is a quarter GPU-hour', () => {
    const { group: g } = group({ instanceTypes: ['g6e.12xlarge'], scaling: { min: 2, desired: 2, max: 2 }, sharing: GpuSharing.timeSlicing({ replicas: 4, renameByDefault: true }) }, 'shared');
    expect(costProfileOf(g)).toMatchObject({ slicesPerGpu: { 'GPU shared replica': 4 }, sliceCostShare: { 'GPU shared replica': 1 } });
    const { total, units } = unitCosts(costProfileOf(g)!);
    // 2 nodes x 4 GPUs x 730 h = 5,840 GPU-hours; x 4 replicas = 23,360 replica-hours.
    expect(units['GPU shared replica-hour (test/shared)']).toBeCloseTo(total / 23_360, 4);
  });
});

describe('GpuNodeGroup: bad MIG and sharing input', () => {
  test('MIG on an L40S type names the MIG-capable instance types', () => {
    const e = errorOf(() => group({ instanceTypes: ['g6e.12xlarge'], migLayout: MigLayout.uniform('1g.10gb') }));
    expect(e.code).toBe('MIG_NOT_SUPPORTED');
    expect(e.message).toContain('[test/mig] migLayout:');
    expect(e.allowed).toContain('p5.48xlarge');
    expect(e.allowed).toContain('p4d.24xlarge');
  });

  test.each(['g5.12xlarge', 'g6.12xlarge', 'g4dn.12xlarge', 'p3.8xlarge'])('MIG on %s (A10G, L4, T4, V100) is refused', (type) => {
    expect(errorOf(() => group({ instanceTypes: [type], migLayout: MigLayout.uniform('1g.10gb') })).code).toBe('MIG_NOT_SUPPORTED');
  });

  test("1g.5gb (an A100 40GB profile) on an H100 names the H100's own profiles", () => {
    const e = errorOf(() => group({ migLayout: MigLayout.uniform('1g.5gb') }));
    expect(e.code).toBe('UNKNOWN_MIG_PROFILE');
    expect(e.allowed).toContain('1g.10gb');
  });

  test('an unplaceable layout (2 x 3g.40gb + 1g.10gb on an H100) gives the reason and a close layout', () => {
    const e = errorOf(() => group({ migLayout: MigLayout.mixed({ '3g.40gb': 2, '1g.10gb': 1 }) }));
    expect(e.code).toBe('MIG_LAYOUT_UNPLACEABLE');
    expect(e.fix).toMatch(/use MigLayout\.mixed\(/);
  });

  test('a node group lists its types, so one type without the profile is an error, not a narrowing', () => {
    const e = errorOf(() => group({ instanceTypes: ['p5.48xlarge', 'p4d.24xlarge'], migLayout: MigLayout.uniform('3g.40gb') }));
    expect(e.code).toBe('UNKNOWN_MIG_PROFILE');
    expect(e.message).toContain('p4d.24xlarge');
  });

  test('MPS with a MIG layout is refused', () => {
    const e = errorOf(() => group({ migLayout: MigLayout.uniform('1g.10gb'), sharing: GpuSharing.mps({ replicas: 4 }) }));
    expect(e.code).toBe('MPS_WITH_MIG');
    expect(e.message).toContain('[test/mig] sharing:');
  });

  test.each([MIG_CONFIG_LABEL, DEVICE_PLUGIN_CONFIG_LABEL])('a user label %s clashes with the construct’s own', (key) => {
    const e = errorOf(() => group({ labels: { [key]: 'all-1g.10gb' } }));
    expect(e.code).toBe('RESERVED_LABEL');
    expect(e.prop).toBe(`labels["${key}"]`);
  });

  test('a string where a MigLayout belongs is refused', () => {
    expect(errorOf(() => group({ migLayout: 'all-1g.10gb' as never })).code).toBe('INVALID_MIG_LAYOUT');
    expect(errorOf(() => group({ sharing: { replicas: 4 } as never })).code).toBe('INVALID_GPU_SHARING');
  });
});

describe('GpuNodeGroup: the stack has one MIG strategy', () => {
  test('a uniform layout beside a mixed one fails synth, naming both and the mixed spelling of the layout', () => {
    const { stack } = newStack();
    new GpuNodeGroup(stack, 'uniform', { ...base, migLayout: MigLayout.uniform('1g.10gb') });
    new GpuNodeGroup(stack, 'mixed', { ...base, migLayout: MigLayout.mixed({ '4g.40gb': 1, '3g.40gb': 1 }) });
    expect(() => synthJson(stack)).toThrow(/\[test\/uniform\] GpuClusterError MIG_STRATEGY_CONFLICT: migLayout:.*because of test\/mixed.*MigLayout\.mixed\(\{ '1g\.10gb': 7 \}\)/);
  });

  test('MPS anywhere beside a mixed layout fails synth: the device plugin refuses MPS with the mixed strategy', () => {
    const { stack } = newStack();
    new GpuNodeGroup(stack, 'mps', { ...base, instanceTypes: ['g6e.12xlarge'], sharing: GpuSharing.mps({ replicas: 4 }) });
    new GpuNodeGroup(stack, 'mixed', { ...base, migLayout: MigLayout.mixed({ '4g.40gb': 1, '3g.40gb': 1 }) });
    expect(() => synthJson(stack)).toThrow(/\[test\/mps\] GpuClusterError MPS_WITH_MIXED_STRATEGY: sharing:/);
  });

  test('uniform layouts and MPS together synthesize', () => {
    const { stack } = newStack();
    new GpuNodeGroup(stack, 'mps', { ...base, instanceTypes: ['g6e.12xlarge'], sharing: GpuSharing.mps({ replicas: 4 }) });
    new GpuNodeGroup(stack, 'uniform', { ...base, migLayout: MigLayout.uniform('3g.40gb') });
    expect(() => synthJson(stack)).not.toThrow();
    expect(collectGpuPartitions(stack).map((d) => d.devicePluginConfig?.name ?? d.migLayout?.name)).toEqual(['mps-4', 'all-3g.40gb']);
  });
});
