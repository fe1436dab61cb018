import { parse } from 'yaml';
import { GpuNodePool } from '../../src/karpenter/gpu-node-pool.js';
import type { GpuNodePoolProps } from '../../src/karpenter/gpu-node-pool.js';
import { costProfileOf } from '../../src/core/cost-registry.js';
import { DEVICE_PLUGIN_CONFIG_LABEL, MIG_CONFIG_LABEL, collectGpuPartitions } from '../../src/compute/gpu-partitions.js';
import { GpuSharing } from '../../src/catalog/gpu-sharing.js';
import { MigLayout } from '../../src/catalog/mig-layout.js';
import { synthJson, warningsOf } from '../support/synth.js';
import { bundleObjects, crdErrors, errorOf, karpenterStack, objectOf, release, tags } from './support.js';

type PoolProps = Omit<GpuNodePoolProps, 'karpenter'>;
const base: PoolProps = {
  gpuNames: ['h100', 'a100'],
  gpuLimit: 16,
  amiAlias: 'al2023@v20260714',
  disruption: { consolidateAfter: '10m' },
  costTags: tags,
};

function synth(props: Partial<PoolProps> = {}) {
  const { stack, karpenter } = karpenterStack();
  const pool = new GpuNodePool(stack, 'mig', { karpenter, ...base, ...props } as GpuNodePoolProps);
  return { json: synthJson(stack), pool, stack };
}

const instanceTypes = (nodePool: Record<string, any>) => nodePool.spec.template.spec.requirements.find((r: any) => r.key === 'node.kubernetes.io/instance-type').values;

describe("GpuNodePool: gpuNames ['h100', 'a100'] with MigLayout.uniform('3g.40gb')", () => {
  const { json, pool, stack } = synth({ migLayout: MigLayout.uniform('3g.40gb') });
  const nodePool = objectOf(json, 'NodePool');

  test('p4d (A100 40GB, no 3g.40gb) is dropped from the requirements; the warning names it and why', () => {
    expect(instanceTypes(nodePool)).toEqual(['p4de.24xlarge', 'p5.4xlarge', 'p5.48xlarge']);
    expect(warningsOf(pool).find((w) => w.includes('narrows'))).toMatch(/dropped p4d\.24xlarge \(A100 40GB has no 3g\.40gb profile\)/);
    expect(crdErrors(nodePool)).toEqual([]);
  });

  test('the NodePool template carries the mig.config label', () => {
    expect(nodePool.spec.template.metadata.labels[MIG_CONFIG_LABEL]).toBe('all-3g.40gb');
    expect(nodePool.spec.template.metadata.labels[DEVICE_PLUGIN_CONFIG_LABEL]).toBeUndefined();
  });

  test('the declaration and the cost profile hold the narrowed types; 2 slices per GPU', () => {
    const [d] = collectGpuPartitions(stack);
    expect(d!.instanceTypes).toEqual(['p4de.24xlarge', 'p5.4xlarge', 'p5.48xlarge']);
    expect(d!.migLayout?.name).toBe('all-3g.40gb');
    expect(costProfileOf(pool)).toMatchObject({ instanceTypes: ['p4de.24xlarge', 'p5.4xlarge', 'p5.48xlarge'], slicesPerGpu: { 'MIG 3g.40gb slice': 2 } });
  });

  test('single strategy: slices are nvidia.com/gpu, which Karpenter counts from EC2, so no overlay but a warning', () => {
    expect(pool.advertisedCapacity).toEqual([]);
    expect(bundleObjects(json).filter((o) => o.kind === 'NodeOverlay')).toEqual([]);
    expect(warningsOf(pool).find((w) => w.includes('Karpenter plans with'))).toContain('advertises 16 nvidia.com/gpu');
  });
});

describe('GpuNodePool: a mixed layout shared by time-slicing', () => {
  const migLayout = MigLayout.mixed({ '4g.40gb': 1, '3g.40gb': 1 });
  const sharing = GpuSharing.timeSlicing({ replicas: 2, renameByDefault: true });
  const { json, pool, stack } = synth({ gpuNames: ['h100'], migLayout, sharing });
  const overlays = bundleObjects(json).filter((o) => o.kind === 'NodeOverlay');

  test('labels for both configs on the NodePool template', () => {
    const labels = objectOf(json, 'NodePool').spec.template.metadata.labels;
    expect(labels[MIG_CONFIG_LABEL]).toBe('1x4g.40gb_1x3g.40gb');
    expect(labels[DEVICE_PLUGIN_CONFIG_LABEL]).toBe('time-slicing-2-renamed-1x4g.40gb_1x3g.40gb');
  });

  test('the device-plugin config shares the MIG resources', () => {
    expect(collectGpuPartitions(stack)[0]!.devicePluginConfig).toEqual({
      name: 'time-slicing-2-renamed-1x4g.40gb_1x3g.40gb',
      config: {
        version: 'v1',
        sharing: { timeSlicing: { renameByDefault: true, resources: [{ name: 'nvidia.com/mig-4g.40gb', replicas: 2 }, { name: 'nvidia.com/mig-3g.40gb', replicas: 2 }] } },
      },
    });
  });

  test('one NodeOverlay per GPU count adds the shared MIG resources (1 and 8 H100s x 1 slice x 2 replicas), valid against the CRD', () => {
    expect(overlays).toEqual([
      {
        apiVersion: 'karpenter.sh/v1alpha1',
        kind: 'NodeOverlay',
        metadata: { name: 'mig-capacity-1' },
        spec: {
          requirements: [
            { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['p5.4xlarge'] },
            { key: 'karpenter.sh/nodepool', operator: 'In', values: ['mig'] },
          ],
          capacity: { 'nvidia.com/mig-4g.40gb.shared': 2, 'nvidia.com/mig-3g.40gb.shared': 2 },
        },
      },
      {
        apiVersion: 'karpenter.sh/v1alpha1',
        kind: 'NodeOverlay',
        metadata: { name: 'mig-capacity-2' },
        spec: {
          requirements: [
            { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['p5.48xlarge'] },
            { key: 'karpenter.sh/nodepool', operator: 'In', values: ['mig'] },
          ],
          capacity: { 'nvidia.com/mig-4g.40gb.shared': 16, 'nvidia.com/mig-3g.40gb.shared': 16 },
        },
      },
    ]);
    for (const o of overlays) expect(crdErrors(o)).toEqual([]);
    expect(pool.capacityOverlays).toHaveLength(2);
  });

  test("the overlays turn on Karpenter's NodeOverlay feature gate", () => {
    expect(parse(release(json, 'karpenter').values[0]).settings.featureGates).toEqual({ nodeOverlay: true });
  });

  test('cost: 4g.40gb carries 4/7 and 3g.40gb 3/7 of the cost; each replica half its slice', () => {
    expect(costProfileOf(pool)).toMatchObject({
      slicesPerGpu: { 'MIG 4g.40gb slice': 1, '4g.40gb shared replica': 2, 'MIG 3g.40gb slice': 1, '3g.40gb shared replica': 2 },
      sliceCostShare: { 'MIG 4g.40gb slice': 4 / 7, '4g.40gb shared replica': 4 / 7, 'MIG 3g.40gb slice': 3 / 7, '3g.40gb shared replica': 3 / 7 },
    });
  });
});

describe('GpuNodePool: renamed time-slicing without MIG', () => {
  test('L40S types grouped by GPU count advertise nvidia.com/gpu.shared = GPUs x 4', () => {
    const { json } = synth({ gpuNames: ['l40s'], gpuLimit: 32, sharing: GpuSharing.timeSlicing({ replicas: 4, renameByDefault: true }) });
    const overlays = bundleObjects(json).filter((o) => o.kind === 'NodeOverlay');
    expect(overlays.map((o) => [o.spec.requirements[0].values, o.spec.capacity])).toEqual([
      [['g6e.xlarge', 'g6e.2xlarge', 'g6e.4xlarge', 'g6e.8xlarge', 'g6e.16xlarge'], { 'nvidia.com/gpu.shared': 4 }],
      [['g6e.12xlarge', 'g6e.24xlarge'], { 'nvidia.com/gpu.shared': 16 }],
      [['g6e.48xlarge'], { 'nvidia.com/gpu.shared': 32 }],
    ]);
  });

  test('capacityOverlay: false leaves the overlays to the user and keeps the feature gate off', () => {
    const { json, pool } = synth({ gpuNames: ['l40s'], gpuLimit: 32, sharing: GpuSharing.timeSlicing({ replicas: 4, renameByDefault: true }), capacityOverlay: false });
    expect(bundleObjects(json).filter((o) => o.kind === 'NodeOverlay')).toEqual([]);
    expect(pool.advertisedCapacity).toHaveLength(3);
    expect(parse(release(json, 'karpenter').values[0]).settings?.featureGates?.nodeOverlay).not.toBe(true);
  });

  test('without rename, the pool warns that Karpenter under-counts the shared GPUs', () => {
    const { pool } = synth({ gpuNames: ['l40s'], gpuLimit: 32, sharing: GpuSharing.timeSlicing({ replicas: 4 }) });
    expect(warningsOf(pool).join('\n')).toMatch(/advertises 4 nvidia\.com\/gpu .*renameByDefault: true/);
  });
});

describe('GpuNodePool: bad MIG and sharing input', () => {
  test('a layout no selected type can run is an error naming the types it fits', () => {
    const e = errorOf(() => synth({ gpuNames: ['l40s'], migLayout: MigLayout.uniform('1g.10gb') }));
    expect(e.code).toBe('MIG_LAYOUT_NO_INSTANCE_TYPE');
    expect(e.allowed).toContain('p5.48xlarge');
    expect(e.message).toContain('[test/mig] migLayout:');
  });

  test('1g.5gb on an H100-only pool is an error (the profile belongs to the A100 40GB)', () => {
    const e = errorOf(() => synth({ gpuNames: ['h100'], migLayout: MigLayout.uniform('1g.5gb') }));
    expect(e.code).toBe('MIG_LAYOUT_NO_INSTANCE_TYPE');
    expect(e.message).toContain('H100 80GB has no 1g.5gb profile');
  });

  test('MPS with MIG is an error', () => {
    expect(errorOf(() => synth({ migLayout: MigLayout.uniform('3g.40gb'), sharing: GpuSharing.mps({ replicas: 2 }) })).code).toBe('MPS_WITH_MIG');
  });

  test('the config labels cannot be set by hand, as a prop or through addLabels', () => {
    expect(errorOf(() => synth({ labels: { [MIG_CONFIG_LABEL]: 'all-1g.10gb' } })).code).toBe('RESERVED_LABEL');
    const { pool } = synth();
    expect(errorOf(() => pool.addLabels({ [DEVICE_PLUGIN_CONFIG_LABEL]: 'x' })).prop).toBe(`addLabels["${DEVICE_PLUGIN_CONFIG_LABEL}"]`);
  });
});
