import fc from 'fast-check';
import { GpuNodePool } from '../../src/karpenter/gpu-node-pool.js';
import type { GpuNodePoolProps } from '../../src/karpenter/gpu-node-pool.js';
import { CapacityType } from '../../src/compute/capacity-type.js';
import { GpuInstanceType } from '../../src/catalog/gpu-instance-type.js';
import { CostTags } from '../../src/core/cost-tags.js';
import { costProfileOf } from '../../src/core/cost-registry.js';
import { synthJson, warningsOf } from '../support/synth.js';
import { bundleObjects, crdErrors, errorOf, karpenterStack, objectOf, tags } from './support.js';

type PoolProps = Omit<GpuNodePoolProps, 'karpenter'>;
const base: PoolProps = {
  gpuNames: ['l40s'],
  gpuLimit: 32,
  amiAlias: 'al2023@v20260714',
  disruption: { consolidateAfter: '10m' },
  costTags: tags,
};

function synth(props: Partial<PoolProps> = {}) {
  const { stack, karpenter } = karpenterStack();
  const pool = new GpuNodePool(stack, 'L40s', { karpenter, ...base, ...props } as GpuNodePoolProps);
  return { json: synthJson(stack), pool, stack, karpenter };
}

describe('GpuNodePool: given L40S GPUs and a 32-GPU limit, when synthesized', () => {
  const { json, pool } = synth();
  const nodePool = objectOf(json, 'NodePool');
  const nodeClass = objectOf(json, 'EC2NodeClass');

  test('the NodePool and EC2NodeClass validate against the copied v1.14.1 CRD schemas', () => {
    expect(crdErrors(nodePool)).toEqual([]);
    expect(crdErrors(nodeClass)).toEqual([]);
  });

  test('requirements come from the catalog: every g6e type, L40S, amd64, linux, spot then on-demand', () => {
    expect(nodePool.spec.template.spec.requirements).toEqual([
      { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['g6e.xlarge', 'g6e.2xlarge', 'g6e.4xlarge', 'g6e.8xlarge', 'g6e.12xlarge', 'g6e.16xlarge', 'g6e.24xlarge', 'g6e.48xlarge'] },
      { key: 'karpenter.k8s.aws/instance-gpu-name', operator: 'In', values: ['l40s'] },
      { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
      { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot', 'on-demand'] },
    ]);
  });

  test('limits, taint, labels, disruption and expiry', () => {
    expect(nodePool.metadata.name).toBe('l40s');
    expect(nodePool.spec.limits).toEqual({ 'nvidia.com/gpu': 32 });
    expect(nodePool.spec.template.spec.taints).toEqual([{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }]);
    expect(nodePool.spec.template.metadata.labels).toEqual({
      'cdktf-gpu-cluster/team': 'search',
      'cdktf-gpu-cluster/cost-center': 'cc-1234',
      'cdktf-gpu-cluster/environment': 'prod',
      'cdktf-gpu-cluster/pool': 'l40s',
      'cdktf-gpu-cluster/gpu-name': 'l40s',
    });
    expect(nodePool.spec.disruption).toEqual({ consolidationPolicy: 'WhenEmpty', consolidateAfter: '10m' });
    expect(nodePool.spec.template.spec.expireAfter).toBe('720h');
    expect(nodePool.spec.template.spec.nodeClassRef).toEqual({ group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'l40s' });
  });

  test('the EC2NodeClass: pinned alias, discovery selectors, encrypted gp3, IMDSv2 with hop limit 1, node role, cost tags', () => {
    expect(nodeClass.spec).toEqual({
      amiSelectorTerms: [{ alias: 'al2023@v20260714' }],
      role: expect.stringMatching(/^\$\{aws_iam_role\.karpenter_node-role_\w+\.name\}$/),
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'ml-prod' } }],
      securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'ml-prod' } }],
      blockDeviceMappings: [{ deviceName: '/dev/xvda', rootVolume: true, ebs: { volumeSize: '200Gi', volumeType: 'gp3', iops: 3000, throughput: 125, encrypted: true, deleteOnTermination: true } }],
      metadataOptions: { httpEndpoint: 'enabled', httpProtocolIPv6: 'disabled', httpPutResponseHopLimit: 1, httpTokens: 'required' },
      tags: { team: 'search', 'cost-center': 'cc-1234', environment: 'prod' },
    });
  });

  test('the cost profile: worst case from the limit, expected from the assumed default, spot share 0.7', () => {
    expect(costProfileOf(pool)).toEqual({
      kind: 'karpenter-node-pool',
      constructPath: 'test/L40s',
      tags: { team: 'search', 'cost-center': 'cc-1234', environment: 'prod' },
      instanceTypes: ['g6e.xlarge', 'g6e.2xlarge', 'g6e.4xlarge', 'g6e.8xlarge', 'g6e.12xlarge', 'g6e.16xlarge', 'g6e.24xlarge', 'g6e.48xlarge'],
      gpuLimit: 32,
      expectedGpusInUse: 16,
      expectedGpusAssumed: true,
      capacityTypes: ['SPOT', 'ON_DEMAND'],
      spotShare: 0.7,
      limitOverrunNodes: 0,
      hoursPerMonth: 730,
      storagePerNode: { volumeType: 'gp3', sizeGiB: 200, iops: 3000, throughputMiBps: 125 },
    });
  });

  test('synth is byte-identical twice', () => {
    const a = synth();
    const b = synth();
    expect(JSON.stringify(a.json)).toBe(JSON.stringify(b.json));
  });
});

describe('GpuNodePool: options', () => {
  test('Bottlerocket keeps images on the data volume; budgets, policy and weight reach the NodePool; both validate', () => {
    const { json } = synth({
      amiAlias: 'bottlerocket@v1.46.0',
      families: ['p5'],
      gpuNames: undefined,
      gpuCounts: [8],
      gpuLimit: 16,
      weight: 10,
      interruptible: false,
      expectedGpusInUse: 8,
      disruption: { consolidateAfter: '1h', consolidationPolicy: 'WhenEmptyOrUnderutilized', budgets: [{ nodes: 0, schedule: '0 8 * * mon-fri', duration: '10h' }, { nodes: '10%', reasons: ['Drifted'] }] },
    });
    const nodePool = objectOf(json, 'NodePool');
    const nodeClass = objectOf(json, 'EC2NodeClass');
    expect(crdErrors(nodePool)).toEqual([]);
    expect(crdErrors(nodeClass)).toEqual([]);
    expect(nodePool.spec.template.spec.requirements[0].values).toEqual(['p5.48xlarge']);
    expect(nodePool.spec.template.spec.requirements[4].values).toEqual(['on-demand']);
    expect(nodePool.spec.disruption).toEqual({ consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '1h', budgets: [{ nodes: '0', schedule: '0 8 * * mon-fri', duration: '10h' }, { nodes: '10%', reasons: ['Drifted'] }] });
    expect(nodePool.spec.weight).toBe(10);
    expect(nodeClass.spec.blockDeviceMappings.map((b: any) => [b.deviceName, b.ebs.volumeSize])).toEqual([['/dev/xvda', '4Gi'], ['/dev/xvdb', '200Gi']]);
  });

  test('a pool allowing only on-demand declares spot share 0; the user figure is not flagged as assumed', () => {
    const { pool } = synth({ capacityTypes: [CapacityType.ON_DEMAND], expectedGpusInUse: 12 });
    expect(costProfileOf(pool)).toMatchObject({ capacityTypes: ['ON_DEMAND'], spotShare: 0, expectedGpusInUse: 12, expectedGpusAssumed: false });
  });

  test('addRequirement and addLabels extend the NodePool', () => {
    const { stack, karpenter } = karpenterStack();
    const pool = new GpuNodePool(stack, 'h100', { karpenter, ...base, gpuNames: ['h100'], gpuLimit: 16 });
    pool.addRequirement({ key: 'karpenter.k8s.aws/instance-gpu-memory', operator: 'Gt', values: ['40000'] }).addLabels({ 'example.com/queue': 'batch' });
    const nodePool = objectOf(synthJson(stack), 'NodePool');
    expect(nodePool.spec.template.spec.requirements.at(-1)).toEqual({ key: 'karpenter.k8s.aws/instance-gpu-memory', operator: 'Gt', values: ['40000'] });
    expect(nodePool.spec.template.metadata.labels['example.com/queue']).toBe('batch');
    expect(crdErrors(nodePool)).toEqual([]);
  });

  test('a schema violation the props checks let through fails synth naming the object, field and schema rule', () => {
    const { stack, karpenter } = karpenterStack();
    const pool = new GpuNodePool(stack, 'h100', { karpenter, ...base, gpuNames: ['h100'], gpuLimit: 16 });
    pool.addRequirement({ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['us-east-1a'], minValues: 60 });
    expect(() => synthJson(stack)).toThrow('[test/h100] GpuClusterError INVALID_KUBERNETES_OBJECT: NodePool/h100 spec.template.spec.requirements[5].minValues: must be <= 50.');
  });

  test('fractional-GPU types are left out of filters with a warning', () => {
    const { pool } = synth({ gpuNames: ['l4'], gpuLimit: 8 });
    expect(pool.instanceSpecs.map((s) => s.name)).not.toContain('g6f.large');
    expect(warningsOf(pool).join('\n')).toContain('g6f.large');
  });

  test('@latest is allowed with a warning', () => {
    const { pool } = synth({ amiAlias: 'al2023@latest' });
    expect(warningsOf(pool).join('\n')).toContain('Pin a version');
  });

  test('CostTags of the stack reach the EC2NodeClass tags and the labels', () => {
    const { stack, karpenter } = karpenterStack({ costTags: undefined });
    CostTags.of(stack).addAll({ team: 'ml', costCenter: 'cc-9', environment: 'dev' });
    new GpuNodePool(stack, 'pool', { karpenter, ...base, costTags: undefined });
    const nodeClass = objectOf(synthJson(stack), 'EC2NodeClass');
    expect(nodeClass.spec.tags).toEqual({ team: 'ml', 'cost-center': 'cc-9', environment: 'dev' });
  });
});

describe('GpuNodePool: bad input', () => {
  test('removing the GPU limit is an error', () => {
    const e = errorOf(() => synth({ gpuLimit: undefined }));
    expect(e.code).toBe('MISSING_GPU_LIMIT');
    expect(e.message).toContain('[test/L40s] gpuLimit: is required: an unbounded GPU pool has no worst-case cost');
  });

  test.each([
    [{ gpuLimit: 4, gpuNames: ['h100'] }, 'GPU_LIMIT_BELOW_INSTANCE', 'p5.48xlarge (8)'],
    [{ gpuLimit: 0 }, 'OUT_OF_RANGE', 'gpuLimit'],
    [{ gpuLimit: 2.5 }, 'INVALID_NUMBER', 'gpuLimit'],
    [{ gpuLimit: NaN }, 'INVALID_NUMBER', 'Given: NaN'],
    [{ families: ['m5'], gpuNames: undefined }, 'INSTANCE_FAMILY_WITHOUT_GPUS', 'families[0]'],
    [{ families: ['g9'], gpuNames: undefined }, 'UNKNOWN_INSTANCE_FAMILY', 'families[0]'],
    [{ gpuNames: ['h1000'] }, 'UNKNOWN_GPU_NAME', 'gpuNames[0]'],
    [{ gpuNames: ['l40s'], families: ['p5'] }, 'NO_INSTANCE_TYPES', 'gpuNames + families'],
    [{ gpuNames: undefined }, 'MISSING_INSTANCE_SELECTION', 'instanceTypes'],
    [{ gpuNames: undefined, instanceTypes: ['m5.large'] }, 'NOT_A_GPU_INSTANCE_TYPE', 'instanceTypes[0]'],
    [{ gpuNames: undefined, instanceTypes: [GpuInstanceType.G6F_LARGE] }, 'FRACTIONAL_GPU_TYPE', 'instanceTypes'],
    [{ capacityTypes: [CapacityType.SPOT], interruptible: false }, 'SPOT_ONLY_NOT_INTERRUPTIBLE', 'capacityTypes'],
    [{ capacityTypes: ['spot'] }, 'INVALID_CHOICE', 'capacityTypes[0]'],
    [{ costTags: { ...tags, 'karpenter.sh/owner': 'x' } }, 'RESTRICTED_TAG_KEY', 'karpenter.sh/'],
    [{ costTags: { ...tags, 'kubernetes.io/cluster/ml-prod': 'owned' } }, 'RESTRICTED_TAG_KEY', 'kubernetes.io/cluster'],
    [{ costTags: { ...tags, 'eks:eks-cluster-name': 'x' } }, 'RESTRICTED_TAG_KEY', 'eks:eks-cluster-name'],
    [{ disruption: { consolidateAfter: '10 minutes' } }, 'INVALID_DURATION', 'disruption.consolidateAfter'],
    [{ disruption: { consolidateAfter: '1d' } }, 'INVALID_DURATION', 'disruption.consolidateAfter'],
    [{ disruption: {} }, 'MISSING_CONSOLIDATE_AFTER', 'disruption.consolidateAfter'],
    [{ disruption: undefined }, 'MISSING_DISRUPTION', 'disruption'],
    [{ disruption: { consolidateAfter: '5m', consolidationPolicy: 'WhenUnderutilized' } }, 'INVALID_CHOICE', 'Balanced'],
    [{ disruption: { consolidateAfter: '5m', budgets: [{ nodes: '0', schedule: 'every weekday', duration: '8h' }] } }, 'INVALID_CRON', 'disruption.budgets[0].schedule'],
    [{ disruption: { consolidateAfter: '5m', budgets: [{ nodes: '0', schedule: '99 8 * * *', duration: '8h' }] } }, 'INVALID_CRON', 'minute field'],
    [{ disruption: { consolidateAfter: '5m', budgets: [{ nodes: '0', schedule: '0 8 * * *' }] } }, 'INVALID_BUDGETS', 'set together'],
    [{ disruption: { consolidateAfter: '5m', budgets: [{ nodes: '0', schedule: '0 8 * * *', duration: '30s' }] } }, 'INVALID_DURATION', 'duration'],
    [{ disruption: { consolidateAfter: '5m', budgets: [{ nodes: '150%' }] } }, 'INVALID_BUDGETS', 'nodes'],
    [{ amiAlias: 'al2023' }, 'INVALID_AMI_ALIAS', 'amiAlias'],
    [{ amiAlias: 'al2@v20240807' }, 'INVALID_AMI_ALIAS', 'end of life'],
    [{ amiAlias: 'al2023@2025-08-07' }, 'INVALID_AMI_ALIAS', 'al2023@vYYYYMMDD'],
    [{ expireAfter: '30d' }, 'INVALID_DURATION', 'expireAfter'],
    [{ labels: { 'karpenter.sh/nodepool': 'x' } }, 'RESTRICTED_LABEL', 'karpenter.sh'],
    [{ requirements: [{ key: 'a', operator: 'In', values: [] }] }, 'INVALID_REQUIREMENT', 'requirements[0].values'],
    [{ spotShare: 1.5 }, 'OUT_OF_RANGE', 'spotShare'],
    [{ expectedGpusInUse: 40 }, 'OUT_OF_RANGE', 'expectedGpusInUse'],
    [{ volume: { sizeGiB: 10 } }, 'OUT_OF_RANGE', 'volume.sizeGiB'],
  ])('%j is refused with %s naming %s', (props, code, text) => {
    const e = errorOf(() => synth(props as Partial<PoolProps>));
    expect(e.code).toBe(code);
    expect(e.message).toContain(text);
    expect(e.message).toContain('[test/L40s]');
    expect(e.message).toMatch(/Allowed: .+\./);
  });

  test('no restricted tag key can reach the EC2NodeClass tags, whether given to the pool or added to the stack', () => {
    const prefixes = ['karpenter.sh/', 'karpenter.k8s.aws/', 'kubernetes.io/cluster', 'kubernetes.io/cluster/'];
    const restricted = fc.oneof(
      fc.tuple(fc.constantFrom(...prefixes), fc.stringMatching(/^[a-z0-9._/-]{0,20}$/)).map(([p, s]) => p + s),
      fc.constant('eks:eks-cluster-name'),
    );
    fc.assert(
      fc.property(restricted, fc.boolean(), (key, viaStack) => {
        const { stack, karpenter } = karpenterStack();
        try {
          if (viaStack) CostTags.of(stack).add(key, 'v');
          new GpuNodePool(stack, 'p', { karpenter, ...base, costTags: viaStack ? base.costTags : { ...tags, [key]: 'v' } });
          const objects = bundleObjects(synthJson(stack));
          // Reaching here means synth passed: the key must not be in the tags.
          return !Object.keys(objects.find((o) => o.kind === 'EC2NodeClass')!.spec.tags).includes(key);
        } catch (e) {
          return /RESTRICTED_TAG_KEY|tag key (starts with|is set by)/.test(String((e as Error).message));
        }
      }),
      { numRuns: 40 },
    );
  });

  test('a restricted key added to the stack after the pool fails synth naming the object and field', () => {
    const { stack, karpenter } = karpenterStack();
    new GpuNodePool(stack, 'pool', { karpenter, ...base });
    CostTags.of(stack).add('karpenter.sh/discovery', 'ml-prod');
    expect(() => synthJson(stack)).toThrow(/\[test\/pool\] GpuClusterError INVALID_KUBERNETES_OBJECT: EC2NodeClass\/pool spec\.tags\["karpenter\.sh\/discovery"\]: tag key starts with karpenter\.sh\//);
  });
});
