// Issue 5, part 5: node groups and pools declare MIG layouts and sharing; the operator in the same
// stack renders what their labels name — checked end to end in one synth with the real constructs.
import { parse } from 'yaml';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider/index.js';
import { AmiType, GpuInstanceType, GpuNodeGroup, GpuNodePool, GpuOperator, GpuSharing, Karpenter, MigLayout } from '../../src/index.js';
import { newStack, all, synthJson } from '../support/synth.js';
import { bundleObjects } from '../karpenter/support.js';
import { configMapOf, valuesOf } from './support.js';

const tags = { team: 'research', costCenter: 'cc-7', environment: 'prod' };

describe('one synth: a MIG node group, a time-sliced pool and the GPU Operator', () => {
  const { stack } = newStack('us-east-1', 'ml');
  new HelmProvider(stack, 'helm', {});
  new GpuNodeGroup(stack, 'h100-mig', {
    clusterName: 'ml-prod', subnetIds: ['subnet-a'], instanceTypes: [GpuInstanceType.P5_48XLARGE], scaling: { min: 0, desired: 1, max: 2 },
    migLayout: MigLayout.mixed({ '4g.40gb': 1, '3g.40gb': 1 }, { name: 'h100-4g-3g' }), costTags: tags,
  });
  const karpenter = new Karpenter(stack, 'karpenter', { clusterName: 'ml-prod', costTags: tags });
  new GpuNodePool(stack, 'l4-shared', {
    karpenter, gpuNames: ['l4'], gpuLimit: 8, amiAlias: 'al2023@v20260714', disruption: { consolidateAfter: '30m' },
    sharing: GpuSharing.timeSlicing({ replicas: 4, renameByDefault: true }), costTags: tags,
  });
  new GpuOperator(stack, 'gpu-operator', { amiType: AmiType.AL2023_X86_64_NVIDIA });
  const json = synthJson(stack);
  const values = valuesOf(json, 'gpu-operator');
  const nodeGroupLabels = all(json, 'aws_eks_node_group')[0]!.labels as Record<string, string>;
  const nodePool = bundleObjects(json).find((o) => o.kind === 'NodePool')!;
  const poolLabels = nodePool.spec.template.metadata.labels as Record<string, string>;

  test('the node group\'s MIG label names a config of the operator\'s mig-parted ConfigMap, with the layout\'s devices', () => {
    expect(nodeGroupLabels['nvidia.com/mig.config']).toBe('h100-4g-3g');
    const cm = configMapOf(json, 'gpu-operator-config', values.migManager.config.name);
    const config = parse(cm.data['config.yaml']);
    expect(config['mig-configs']['h100-4g-3g']).toEqual([{ devices: 'all', 'mig-enabled': true, 'mig-devices': { '4g.40gb': 1, '3g.40gb': 1 } }]);
    expect(values.mig.strategy).toBe('mixed');
  });

  test('the pool\'s device-plugin label names a key of the operator\'s device-plugin ConfigMap with its sharing config', () => {
    const key = poolLabels['nvidia.com/device-plugin.config']!;
    expect(key).toBeDefined();
    const cm = configMapOf(json, 'gpu-operator-config', values.devicePlugin.config.name);
    expect(parse(cm.data[key])).toMatchObject({ version: 'v1', sharing: { timeSlicing: { renameByDefault: true, resources: [{ name: 'nvidia.com/gpu', replicas: 4 }] } } });
    expect(cm.data[values.devicePlugin.config.default]).toBeDefined();
  });

  test('the pool advertises the renamed shared GPUs to Karpenter through a NodeOverlay', () => {
    const overlays = bundleObjects(json).filter((o) => o.kind === 'NodeOverlay');
    expect(overlays.length).toBeGreaterThan(0);
    expect(overlays.every((o) => Object.keys(o.spec.capacity).includes('nvidia.com/gpu.shared'))).toBe(true);
  });
});
