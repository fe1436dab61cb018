import { TerraformVariable } from 'cdktf';
import { AmiType, CapacityType, CostTags, GpuInstanceType, GpuNodeGroup, costProfileOf } from '../../src/index.js';
import type { GpuNodeGroupProps } from '../../src/index.js';
import { all, newStack, only, synthJson, warningsOf } from '../support/synth.js';
import { errorOf } from '../support/errors.js';

const tags = { team: 'search', costCenter: 'cc-1234', environment: 'prod' };
const base: GpuNodeGroupProps = {
  clusterName: 'ml-prod',
  subnetIds: ['subnet-a', 'subnet-b'],
  instanceTypes: [GpuInstanceType.G6E_12XLARGE],
  scaling: { min: 1, desired: 2, max: 6 },
  capacityType: CapacityType.ON_DEMAND,
  costTags: tags,
};

function synth(props: Partial<GpuNodeGroupProps> = {}, region = 'us-east-1') {
  const { stack } = newStack(region);
  const group = new GpuNodeGroup(stack, 'inference', { ...base, ...props });
  return { json: synthJson(stack), group, stack };
}

describe('GpuNodeGroup: given the issue example, when synthesized', () => {
  const { json } = synth();
  const lt = only(json, 'aws_launch_template');
  const ng = only(json, 'aws_eks_node_group');
  const expectedTags = { team: 'search', 'cost-center': 'cc-1234', environment: 'prod' };

  test('the launch template tags instances, volumes and network interfaces with the cost tags', () => {
    expect(lt.tag_specifications.map((t: any) => t.resource_type)).toEqual(['instance', 'volume', 'network-interface']);
    for (const spec of lt.tag_specifications) expect(spec.tags).toEqual(expectedTags);
    expect(ng.tags).toEqual(expectedTags);
  });

  test('IMDSv2 is required with hop limit 1', () => {
    expect(lt.metadata_options).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1, instance_metadata_tags: 'disabled' });
  });

  test('the image volume is encrypted gp3 of 200 GiB on the AL2023 root device', () => {
    expect(lt.block_device_mappings).toEqual([
      { device_name: '/dev/xvda', ebs: { volume_size: 200, volume_type: 'gp3', iops: 3000, throughput: 125, encrypted: 'true', delete_on_termination: 'true' } },
    ]);
  });

  test('the GPU taint, AL2023 NVIDIA x86 AMI, scaling and node repair are set', () => {
    expect(ng.taint).toEqual([{ key: 'nvidia.com/gpu', value: 'true', effect: 'NO_SCHEDULE' }]);
    expect(ng.ami_type).toBe('AL2023_x86_64_NVIDIA');
    expect(ng.capacity_type).toBe('ON_DEMAND');
    expect(ng.instance_types).toEqual(['g6e.12xlarge']);
    expect(ng.scaling_config).toEqual({ min_size: 1, desired_size: 2, max_size: 6 });
    expect(ng.node_repair_config).toEqual({ enabled: true });
    expect(ng.update_config).toEqual({ max_unavailable: 1 });
    expect(ng.lifecycle).toEqual({ create_before_destroy: true, ignore_changes: ['scaling_config[0].desired_size'] });
    expect(ng.node_group_name_prefix).toBe('inference-');
  });

  test('nodes carry pool, GPU and cost-tag labels', () => {
    expect(ng.labels).toEqual({
      'cdktf-gpu-cluster/pool': 'inference',
      'cdktf-gpu-cluster/gpu-name': 'l40s',
      'cdktf-gpu-cluster/team': 'search',
      'cdktf-gpu-cluster/cost-center': 'cc-1234',
      'cdktf-gpu-cluster/environment': 'prod',
    });
  });

  test('a shared node role with the three worker policies is created and the group depends on them', () => {
    const policies = all(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn.replace(/^.*policy\//, ''));
    expect(policies.sort()).toEqual(['AmazonEC2ContainerRegistryReadOnly', 'AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy']);
    expect(ng.node_role_arn).toMatch(/^\$\{aws_iam_role\.GpuNodeRole_role_\w+\.arn\}$/);
    expect(ng.depends_on).toHaveLength(3);
    const trust = JSON.parse(only(json, 'aws_iam_role').assume_role_policy);
    expect(trust.Statement[0].Principal).toEqual({ Service: 'ec2.amazonaws.com' });
  });
});

describe('GpuNodeGroup: AMI type and architecture', () => {
  test('arm64 instance types default to the AL2023 ARM NVIDIA AMI', () => {
    const { json } = synth({ instanceTypes: ['g5g.2xlarge'] });
    expect(only(json, 'aws_eks_node_group').ami_type).toBe('AL2023_ARM_64_NVIDIA');
  });

  test('Bottlerocket puts the image volume on the data device /dev/xvdb', () => {
    const { json } = synth({ amiType: AmiType.BOTTLEROCKET_X86_64_NVIDIA });
    expect(only(json, 'aws_eks_node_group').ami_type).toBe('BOTTLEROCKET_x86_64_NVIDIA');
    expect(only(json, 'aws_launch_template').block_device_mappings[0].device_name).toBe('/dev/xvdb');
  });

  test('an ARM AMI on x86 instances is refused', () => {
    const e = errorOf(() => synth({ amiType: AmiType.AL2023_ARM_64_NVIDIA }));
    expect(e.code).toBe('AMI_ARCHITECTURE_MISMATCH');
    expect(e.message).toContain('test/inference');
    expect(e.message).toContain('amiType');
    expect(e.message).toContain('AL2023_x86_64_NVIDIA');
  });

  test('AL2 is refused as end of life', () => {
    const e = errorOf(() => synth({ amiType: 'AL2_x86_64_GPU' as unknown as AmiType }));
    expect(e.code).toBe('AMI_END_OF_LIFE');
  });

  test('x86 and arm64 types in one group are refused', () => {
    expect(errorOf(() => synth({ instanceTypes: ['g5.xlarge', 'g5g.xlarge'] })).code).toBe('MIXED_ARCHITECTURES');
  });
});

describe('GpuNodeGroup: cost tags', () => {
  test('CostTags.of(stack) reaches every resource, added before or after the group', () => {
    const { stack } = newStack();
    CostTags.of(stack).add('project', 'llm');
    new GpuNodeGroup(stack, 'g', { ...base, costTags: undefined });
    CostTags.of(stack).addAll({ team: 'ml', costCenter: 'cc-9', environment: 'dev' });
    const json = synthJson(stack);
    const lt = only(json, 'aws_launch_template');
    const expected = { project: 'llm', team: 'ml', 'cost-center': 'cc-9', environment: 'dev' };
    for (const spec of lt.tag_specifications) expect(spec.tags).toEqual(expected);
    expect(only(json, 'aws_iam_role').tags).toEqual(expected);
  });

  test("the construct's own costTags win over the stack's", () => {
    const { stack } = newStack();
    CostTags.of(stack).addAll({ team: 'platform', costCenter: 'cc-1', environment: 'prod' });
    const g = new GpuNodeGroup(stack, 'g', base);
    expect(g.costTags.team).toBe('search');
    expect(costProfileOf(g)?.tags.team).toBe('search');
  });

  test('provider default_tags are written only on opt-in', () => {
    const { stack } = newStack();
    CostTags.of(stack).addAll(tags);
    new GpuNodeGroup(stack, 'g', base);
    expect(synthJson(stack).provider?.aws?.[0].default_tags).toBeUndefined();
    CostTags.of(stack).applyToProviderDefaultTags();
    expect(synthJson(stack).provider?.aws?.[0].default_tags).toEqual([{ tags: { team: 'search', 'cost-center': 'cc-1234', environment: 'prod' } }]);
  });

  test('a group without the required cost tags fails synth listing them', () => {
    const { stack } = newStack();
    new GpuNodeGroup(stack, 'g', { ...base, costTags: undefined });
    expect(() => synthJson(stack)).toThrow(/\[test\/g\] GpuClusterError MISSING_COST_TAGS: costTags: lacks the required cost tags team, cost-center, environment/);
  });

  test.each([
    [{ ...tags, 'aws:owner': 'x' }, 'RESERVED_TAG_KEY'],
    [{ ...tags, ['k'.repeat(129)]: 'x' }, 'INVALID_TAG_KEY'],
    [{ ...tags, project: 'v'.repeat(257) }, 'INVALID_TAG_VALUE'],
    [{ ...tags, owner: 'a\nb' }, 'INVALID_TAG_VALUE'],
    [{ ...tags, team: '${var.team}' }, 'INVALID_TAG_VALUE'],
    [{ ...tags, team: '   ' }, 'BLANK_COST_TAG'],
    [{ costCenter: 'cc', environment: 'prod' }, 'MISSING_COST_TAG'],
  ])('costTags %j is refused with %s', (costTags, code) => {
    expect(errorOf(() => synth({ costTags: costTags as any })).code).toBe(code);
  });

  test('tag values "undefined" and "null" are legitimate strings', () => {
    const { json } = synth({ costTags: { ...tags, project: 'undefined', owner: 'null' } });
    expect(only(json, 'aws_launch_template').tag_specifications[0].tags).toMatchObject({ project: 'undefined', owner: 'null' });
  });
});

describe('GpuNodeGroup: Kubernetes version and AMI release', () => {
  test('no version by default; the cluster version token or a literal minor version, and a pinned release, reach the node group', () => {
    expect(only(synth().json, 'aws_eks_node_group').version).toBeUndefined();
    const { stack } = newStack('us-east-1');
    const clusterVersion = new TerraformVariable(stack, 'cluster_version', { type: 'string' });
    new GpuNodeGroup(stack, 'inference', { ...base, kubernetesVersion: clusterVersion.stringValue, releaseVersion: '1.35.6-20260714' });
    expect(only(synthJson(stack), 'aws_eks_node_group')).toMatchObject({ version: '${var.cluster_version}', release_version: '1.35.6-20260714' });
    expect(only(synth({ kubernetesVersion: '1.35' }).json, 'aws_eks_node_group').version).toBe('1.35');
  });

  test.each([
    [{ kubernetesVersion: 'v1.35' }, 'kubernetesVersion'],
    [{ kubernetesVersion: '1.35.6' }, 'kubernetesVersion'],
    [{ releaseVersion: 'v20260714' }, 'releaseVersion'],
  ])('%j is refused, naming the prop', (props, prop) => {
    expect(errorOf(() => synth(props as Partial<GpuNodeGroupProps>)).message).toContain(`${prop}:`);
  });
});

describe('GpuNodeGroup: bad input', () => {
  test.each([
    [{ instanceTypes: ['g9.xlarge'] }, 'UNKNOWN_INSTANCE_TYPE', 'instanceTypes[0]'],
    [{ instanceTypes: ['g6e.12xlarg'] }, 'UNKNOWN_INSTANCE_TYPE', 'did you mean g6e.12xlarge'],
    [{ instanceTypes: ['m5.large'] }, 'NOT_A_GPU_INSTANCE_TYPE', 'is not a GPU instance type'],
    [{ instanceTypes: ['g4ad.xlarge'] }, 'NOT_AN_NVIDIA_GPU_TYPE', 'AMD'],
    [{ instanceTypes: [''] }, 'UNKNOWN_INSTANCE_TYPE', 'Given: ""'],
    [{ instanceTypes: [undefined] }, 'UNKNOWN_INSTANCE_TYPE', 'Given: undefined'],
    [{ instanceTypes: [] }, 'EMPTY_LIST', 'instanceTypes'],
    [{ instanceTypes: ['g6e.12xlarge', GpuInstanceType.G6E_12XLARGE] }, 'DUPLICATE_VALUE', 'more than once'],
    [{ scaling: { min: 7, desired: 7, max: 6 } }, 'INVALID_SCALING', 'scaling.min: is greater than scaling.max (6)'],
    [{ scaling: { min: 1, desired: 0, max: 6 } }, 'INVALID_SCALING', 'scaling.desired: is outside min..max (1..6)'],
    [{ scaling: { min: 3, desired: 2, max: 2 } }, 'INVALID_SCALING', 'scaling.min: is greater than scaling.max'],
    [{ scaling: { min: 0, desired: 0, max: 0 } }, 'OUT_OF_RANGE', 'scaling.max'],
    [{ scaling: { min: -1, desired: 1, max: 2 } }, 'OUT_OF_RANGE', 'scaling.min'],
    [{ scaling: { min: 0, desired: 1.5, max: 2 } }, 'INVALID_NUMBER', 'scaling.desired'],
    [{ scaling: { min: 0, desired: NaN, max: 2 } }, 'INVALID_NUMBER', 'Given: NaN'],
    [{ scaling: { min: 0, desired: 1, max: Infinity } }, 'INVALID_NUMBER', 'Given: Infinity'],
    [{ scaling: { min: 0, desired: 1, max: 451 } }, 'OUT_OF_RANGE', 'from 1 to 450'],
    [{ scaling: undefined }, 'INVALID_SCALING', 'scaling'],
    [{ capacityType: null }, 'INVALID_CHOICE', 'capacityType'],
    [{ capacityType: 'spot' }, 'INVALID_CHOICE', 'ON_DEMAND, SPOT'],
    [{ efa: true, instanceTypes: [GpuInstanceType.G6E_XLARGE] }, 'EFA_NOT_SUPPORTED', 'p5.48xlarge'],
    [{ clusterName: '' }, 'INVALID_STRING', 'clusterName'],
    [{ clusterName: '${var.cluster}' }, 'INVALID_STRING', 'clusterName'],
    [{ clusterName: 'a'.repeat(101) }, 'INVALID_STRING', 'clusterName'],
    [{ subnetIds: [] }, 'EMPTY_LIST', 'subnetIds'],
    [{ subnetIds: ['subnet-a', 'subnet-a'] }, 'DUPLICATE_VALUE', 'subnetIds'],
    [{ subnetIds: ['sg-123'] }, 'INVALID_STRING', 'subnetIds[0]'],
    [{ volume: { sizeGiB: 10 } }, 'OUT_OF_RANGE', 'volume.sizeGiB'],
    [{ volume: { throughputMiBps: 1000 } }, 'INVALID_VOLUME', 'volume.throughputMiBps'],
    [{ imdsHopLimit: 0 }, 'OUT_OF_RANGE', 'imdsHopLimit'],
    [{ labels: { 'bad key!': 'x' } }, 'INVALID_LABELS', 'labels'],
    [{ taints: [{ key: 'a', effect: 'Sometimes' as any }] }, 'INVALID_CHOICE', 'taints[0].effect'],
    [{ securityGroupIds: ['sg-1'] }, 'UNUSED_PROP', 'efa: true'],
  ])('%j is refused with %s naming %s', (props, code, text) => {
    const e = errorOf(() => synth(props as Partial<GpuNodeGroupProps>));
    expect(e.code).toBe(code);
    expect(e.message).toContain(text);
    expect(e.message).toContain('[test/inference]');
    expect(e.message).toMatch(/Allowed: .+\./);
  });

  test('the ceiling is configurable', () => {
    const { json } = synth({ scaling: { min: 0, desired: 0, max: 1000 }, maxNodesCeiling: 1000 });
    expect(only(json, 'aws_eks_node_group').scaling_config.max_size).toBe(1000);
  });

  test('an unresolved token cluster name is accepted as it is', () => {
    const { stack } = newStack();
    const v = new TerraformVariable(stack, 'cluster', { type: 'string' });
    new GpuNodeGroup(stack, 'g', { ...base, clusterName: v.stringValue });
    expect(only(synthJson(stack), 'aws_eks_node_group').cluster_name).toBe('${var.cluster}');
  });
});

describe('GpuNodeGroup: EFA', () => {
  test('p5.48xlarge gets 32 interfaces, the first EFA and the rest EFA-only, in a cluster placement group', () => {
    const { json } = synth({ instanceTypes: [GpuInstanceType.P5_48XLARGE], subnetIds: ['subnet-a'], efa: true });
    const lt = only(json, 'aws_launch_template');
    expect(lt.network_interfaces).toHaveLength(32);
    expect(lt.network_interfaces[0]).toMatchObject({ network_card_index: 0, device_index: 0, interface_type: 'efa' });
    expect(lt.network_interfaces[31]).toMatchObject({ network_card_index: 31, device_index: 1, interface_type: 'efa-only' });
    expect(lt.network_interfaces[0].security_groups[0]).toMatch(/data\.aws_eks_cluster\..*vpc_config\[0\]\.cluster_security_group_id/);
    expect(only(json, 'aws_placement_group').strategy).toBe('cluster');
    expect(lt.placement.group_name).toMatch(/aws_placement_group/);
  });

  test('EFA across several subnets warns that a placement group is single-AZ', () => {
    const { group } = synth({ instanceTypes: [GpuInstanceType.P4D_24XLARGE], efa: true, securityGroupIds: ['sg-0abc'] });
    expect(warningsOf(group).join('\n')).toContain('cluster placement group lives in one availability zone');
  });
});

describe('GpuNodeGroup: warnings and cost profile', () => {
  test('mixed GPU models or counts warn', () => {
    const { stack } = newStack();
    const g = new GpuNodeGroup(stack, 'mixed', { ...base, instanceTypes: ['g6e.12xlarge', 'g6.12xlarge', 'g6e.xlarge'] });
    const text = warningsOf(g).join('\n');
    expect(text).toContain('GPU models (NVIDIA L40S, NVIDIA L4)');
    expect(text).toContain('GPU counts (4, 1)');
  });

  test('the cost profile carries types, counts, capacity type, storage and tags', () => {
    const { group } = synth({ capacityType: CapacityType.SPOT });
    expect(costProfileOf(group)).toEqual({
      kind: 'eks-node-group',
      constructPath: 'test/inference',
      instanceTypes: ['g6e.12xlarge'],
      nodes: { min: 1, desired: 2, max: 6 },
      capacityType: 'SPOT',
      hoursPerMonth: 730,
      storagePerNode: { volumeType: 'gp3', sizeGiB: 200, iops: 3000, throughputMiBps: 125 },
      tags: { team: 'search', 'cost-center': 'cc-1234', environment: 'prod' },
    });
  });

  test('two node groups in a stack share one node role', () => {
    const { stack } = newStack();
    new GpuNodeGroup(stack, 'a', base);
    new GpuNodeGroup(stack, 'b', { ...base, nodeRoleArn: undefined });
    const json = synthJson(stack);
    expect(all(json, 'aws_iam_role')).toHaveLength(1);
    expect(new Set(all(json, 'aws_eks_node_group').map((g) => g.node_role_arn)).size).toBe(1);
  });

  test('a given nodeRoleArn creates no role', () => {
    const { json } = synth({ nodeRoleArn: 'arn:aws:iam::123456789012:role/gpu-nodes' });
    expect(all(json, 'aws_iam_role')).toHaveLength(0);
    expect(only(json, 'aws_eks_node_group').node_role_arn).toBe('arn:aws:iam::123456789012:role/gpu-nodes');
  });
});
