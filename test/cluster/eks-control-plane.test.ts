import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformOutput, TerraformVariable } from 'cdktf';
import { CostGate, CostPolicy, CostTags } from '../../src/index.js';
import { EksControlPlane } from '../../src/cluster/eks-control-plane.js';
import { all, newStack, only, synthJson, warningsOf } from '../support/synth.js';
import { awsTags, baseProps, costLines, eksStack, errorOf, tags } from './support.js';

describe('EksControlPlane: given the default props, when synthesized', () => {
  const { stack, eks } = eksStack();
  const json = synthJson(stack);
  const cluster = only(json, 'aws_eks_cluster');
  const ref = (type: string, id: string) => `${type}.${Object.keys(json.resource[type]!).find((k) => k.includes(id))}`;

  test('the cluster is pinned to the default version, API-authenticated, with the creator bootstrapped as admin', () => {
    expect(cluster.name).toBe('ml-prod');
    expect(cluster.version).toBe('1.35');
    expect(eks.kubernetesVersion).toBe('1.35');
    expect(cluster.access_config).toEqual({ authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: true });
    expect(cluster.upgrade_policy).toEqual({ support_type: 'STANDARD' });
    expect(cluster.bootstrap_self_managed_addons).toBe(false);
    expect(cluster.lifecycle).toEqual({ ignore_changes: ['access_config[0].bootstrap_cluster_creator_admin_permissions', 'bootstrap_self_managed_addons'] });
    expect(cluster.tags).toEqual(awsTags);
  });

  test('secrets are envelope-encrypted with a rotating KMS key that has the alias alias/eks/<name>', () => {
    const key = only(json, 'aws_kms_key');
    expect(cluster.encryption_config).toEqual({ resources: ['secrets'], provider: { key_arn: `\${${ref('aws_kms_key', 'kms-key')}.arn}` } });
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, tags: awsTags });
    expect(key.description).toBe('Envelope encryption of Kubernetes secrets of EKS cluster ml-prod');
    expect(key.policy).toBeUndefined();
    expect(only(json, 'aws_kms_alias')).toEqual({ name: 'alias/eks/ml-prod', target_key_id: `\${${ref('aws_kms_key', 'kms-key')}.key_id}` });
  });

  test('the endpoint is private only: no public access and no public CIDRs', () => {
    expect(cluster.vpc_config).toEqual({ subnet_ids: ['subnet-0a1', 'subnet-0b2'], endpoint_private_access: true, endpoint_public_access: false });
  });

  test('control-plane logs go to a log group with 90 days retention that the cluster depends on', () => {
    expect(cluster.enabled_cluster_log_types).toEqual(['api', 'audit', 'authenticator']);
    expect(only(json, 'aws_cloudwatch_log_group')).toEqual({ name: '/aws/eks/ml-prod/cluster', retention_in_days: 90, tags: awsTags });
    expect(cluster.depends_on).toEqual([
      ref('aws_iam_role_policy_attachment', 'cluster-policy'),
      ref('aws_iam_role_policy', 'cluster-encryption'),
      ref('aws_cloudwatch_log_group', 'log-group'),
    ]);
  });

  test('the cluster role trusts eks.amazonaws.com (AssumeRole, TagSession) and may use the key', () => {
    const role = all(json, 'aws_iam_role').find((r) => r.name_prefix === 'eks-cluster-')!;
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Sid: 'EKSClusterAssumeRole', Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
    ]);
    const attachment = json.resource.aws_iam_role_policy_attachment![ref('aws_iam_role_policy_attachment', 'cluster-policy').split('.')[1]!]!;
    expect(attachment.policy_arn).toMatch(/^arn:\$\{data\.aws_partition\.eks_partition_\w+\.partition\}:iam::aws:policy\/AmazonEKSClusterPolicy$/);
    const kms = JSON.parse(only(json, 'aws_iam_role_policy').policy).Statement;
    expect(kms).toEqual([{ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'], Resource: `\${${ref('aws_kms_key', 'kms-key')}.arn}` }]);
  });

  test('the EKS-created cluster security group is tagged for Karpenter discovery with the cluster name', () => {
    const c = ref('aws_eks_cluster', 'cluster');
    expect(only(json, 'aws_ec2_tag')).toEqual({ resource_id: `\${${c}.vpc_config[0].cluster_security_group_id}`, key: 'karpenter.sh/discovery', value: `\${${c}.name}` });
  });

  test('outputs are references to the cluster resource', () => {
    const { stack: s, eks: e } = eksStack();
    for (const [id, value] of Object.entries({ name: e.clusterName, endpoint: e.endpoint, ca: e.certificateAuthorityData, sg: e.clusterSecurityGroupId })) {
      new TerraformOutput(s, id, { value });
    }
    const c = ref('aws_eks_cluster', 'cluster');
    expect(Object.fromEntries(Object.entries((synthJson(s) as any).output).map(([k, v]: [string, any]) => [k, v.value]))).toEqual({
      name: `\${${c}.name}`,
      endpoint: `\${${c}.endpoint}`,
      ca: `\${${c}.certificate_authority[0].data}`,
      sg: `\${${c}.vpc_config[0].cluster_security_group_id}`,
    });
  });

  test('core add-ons are pinned for 1.35; vpc-cni, kube-proxy and the Pod Identity agent precede the nodes, CoreDNS follows them', () => {
    const addons: Record<string, Record<string, any>> = Object.fromEntries(all(json, 'aws_eks_addon').map((a) => [a.addon_name, a]));
    expect(Object.fromEntries(Object.entries(addons).map(([n, a]) => [n, a.addon_version]))).toEqual({
      'vpc-cni': 'v1.21.1-eksbuild.1',
      'kube-proxy': 'v1.35.0-eksbuild.2',
      'eks-pod-identity-agent': 'v1.3.10-eksbuild.2',
      coredns: 'v1.13.2-eksbuild.3',
      'aws-ebs-csi-driver': 'v1.57.1-eksbuild.1',
    });
    for (const a of Object.values(addons)) {
      expect(a).toMatchObject({ cluster_name: `\${${ref('aws_eks_cluster', 'cluster')}.name}`, resolve_conflicts_on_create: 'OVERWRITE', resolve_conflicts_on_update: 'OVERWRITE', tags: awsTags });
    }
    const ng = ref('aws_eks_node_group', 'system');
    expect(addons.coredns.depends_on).toEqual([ng]);
    for (const n of ['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent']) expect(addons[n].depends_on).toBeUndefined();
    const group = only(json, 'aws_eks_node_group');
    expect(group.depends_on).toEqual(expect.arrayContaining(['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent'].map((n) => ref('aws_eks_addon', `addon-${n}_`))));
    expect(eks.nodeDependencies).toEqual(['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent'].map((n) => eks.addons[n]));
  });

  test('the EBS CSI driver runs after the nodes, its controller on a Pod Identity role with the AWS managed policy', () => {
    const ebs = all(json, 'aws_eks_addon').find((a) => a.addon_name === 'aws-ebs-csi-driver')!;
    expect(ebs.depends_on).toEqual(expect.arrayContaining([ref('aws_eks_node_group', 'system'), ref('aws_iam_role_policy_attachment', 'ebs-csi-policy')]));
    expect(ebs.pod_identity_association).toEqual([{ role_arn: `\${${ref('aws_iam_role', 'ebs-csi-role')}.arn}`, service_account: 'ebs-csi-controller-sa' }]);
    const role = all(json, 'aws_iam_role').find((r) => r.name_prefix === 'ebs-csi-')!;
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }]);
    const attachment = all(json, 'aws_iam_role_policy_attachment').find((a) => /AmazonEBSCSIDriverPolicy/.test(a.policy_arn))!;
    expect(attachment.policy_arn).toMatch(/^arn:\$\{data\.aws_partition\.[\w-]+\.partition\}:iam::aws:policy\/service-role\/AmazonEBSCSIDriverPolicy$/);
  });

  test('no access entries without adminPrincipalArns', () => {
    expect(json.resource.aws_eks_access_entry).toBeUndefined();
  });

  test('the system node group: on-demand m7i.large on the AL2023 standard AMI, 2/2/3, node-role label, following the cluster version', () => {
    const group = only(json, 'aws_eks_node_group');
    expect(group).toMatchObject({
      ami_type: 'AL2023_x86_64_STANDARD',
      capacity_type: 'ON_DEMAND',
      instance_types: ['m7i.large'],
      scaling_config: { min_size: 2, desired_size: 2, max_size: 3 },
      subnet_ids: ['subnet-0a1', 'subnet-0b2'],
      node_group_name_prefix: 'system-',
      version: `\${${ref('aws_eks_cluster', 'cluster')}.version}`,
      tags: awsTags,
    });
    expect(group.taint).toBeUndefined();
    expect(group.labels).toEqual({
      'cdktf-gpu-cluster/node-role': 'system',
      'cdktf-gpu-cluster/team': 'ml-platform',
      'cdktf-gpu-cluster/cost-center': 'cc-42',
      'cdktf-gpu-cluster/environment': 'prod',
    });
    expect(group.node_role_arn).toMatch(/^\$\{aws_iam_role\.GpuNodeRole_role_\w+\.arn\}$/);
  });

  test('its launch template requires IMDSv2 with hop limit 1 and an encrypted 50 GiB gp3 root volume, and tags instances, volumes and interfaces', () => {
    const lt = only(json, 'aws_launch_template');
    expect(lt.metadata_options).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1, instance_metadata_tags: 'disabled' });
    expect(lt.block_device_mappings).toEqual([
      { device_name: '/dev/xvda', ebs: { volume_size: 50, volume_type: 'gp3', iops: 3000, throughput: 125, encrypted: 'true', delete_on_termination: 'true' } },
    ]);
    expect(lt.tag_specifications).toEqual(['instance', 'volume', 'network-interface'].map((resource_type) => ({ resource_type, tags: awsTags })));
  });

  test('cost report: control plane 730 h x 0.10, KMS key 1 x 1.00, m7i.large 2-3 nodes x 730 h x 0.1008, gp3 50 GiB x 0.08', () => {
    const lines = costLines(stack).map((l) => [l.constructPath, l.item, l.monthlyUsd]);
    expect(lines).toEqual([
      ['test/eks', 'EKS control plane, Kubernetes 1.35 (standard support until 2027-03-27)', { expected: 73, worstCase: 73 }],
      ['test/eks/kms-key', 'KMS key for EKS secrets encryption', { expected: 1, worstCase: 1 }],
      // 2 x 730 x 0.1008 = 147.168; 3 x 730 x 0.1008 = 220.752
      ['test/eks/system', '2-3 x m7i.large on-demand', { expected: 147.17, worstCase: 220.75 }],
      // 50 GiB x 0.08 = 4.00 a node: 2 and 3 nodes
      ['test/eks/system', 'EBS gp3 50 GiB per node', { expected: 8, worstCase: 12 }],
    ]);
    for (const l of costLines(stack)) expect(l.tags).toEqual(awsTags);
  });
});

describe('EksControlPlane: endpoint, access and logs', () => {
  test('publicAccessCidrs turn the public endpoint on for those CIDRs only (private access stays on)', () => {
    const { stack } = eksStack({ publicAccessCidrs: ['203.0.113.0/24', '198.51.100.7/32'] });
    expect(only(synthJson(stack), 'aws_eks_cluster').vpc_config).toEqual({
      subnet_ids: ['subnet-0a1', 'subnet-0b2'],
      endpoint_private_access: true,
      endpoint_public_access: true,
      public_access_cidrs: ['203.0.113.0/24', '198.51.100.7/32'],
    });
    expect(CostGate.ensure(stack).evaluate().report.findings).toEqual([]);
  });

  test('0.0.0.0/0 is allowed with a warning; eks-public-endpoint fails synth unless acknowledged', () => {
    const { stack, eks } = eksStack({ publicAccessCidrs: ['0.0.0.0/0'] });
    expect(warningsOf(eks).join('\n')).toMatch(/publicAccessCidrs\[0\]: 0\.0\.0\.0\/0 opens the public API endpoint to the whole internet/);
    const finding = () => CostGate.ensure(stack).evaluate().report.findings.find((f) => f.ruleId === 'eks-public-endpoint');
    expect(finding()).toMatchObject({ level: 'error', area: 'security', constructPath: 'test/eks/cluster' });
    expect(finding()!.acknowledged).toBeUndefined();
    expect(() => synthJson(stack)).toThrow(/EKS_PUBLIC_ENDPOINT/);
    const acked = eksStack({ publicAccessCidrs: ['0.0.0.0/0'] });
    CostPolicy.acknowledge(acked.eks, { rule: 'eks-public-endpoint', reason: 'demo cluster, torn down nightly (SEC-7)' });
    const f = CostGate.ensure(acked.stack).evaluate().report.findings.find((x) => x.ruleId === 'eks-public-endpoint')!;
    expect(f.acknowledged).toEqual({ reason: 'demo cluster, torn down nightly (SEC-7)', by: 'test/eks' });
    expect(() => synthJson(acked.stack)).not.toThrow();
  });

  test('adminPrincipalArns get an access entry and AmazonEKSClusterAdminPolicy at cluster scope', () => {
    const arns = ['arn:aws:iam::123456789012:role/platform-admin', 'arn:aws:iam::123456789012:user/alice'];
    const json = synthJson(eksStack({ adminPrincipalArns: arns }).stack);
    expect(all(json, 'aws_eks_access_entry').map((e) => [e.principal_arn, e.type, e.tags])).toEqual(arns.map((a) => [a, 'STANDARD', awsTags]));
    const assoc = all(json, 'aws_eks_access_policy_association');
    expect(assoc.map((a) => a.principal_arn)).toEqual(arns);
    for (const a of assoc) {
      expect(a.access_scope).toEqual({ type: 'cluster' });
      expect(a.policy_arn).toMatch(/^arn:\$\{data\.aws_partition\.eks_partition_\w+\.partition\}:eks::aws:cluster-access-policy\/AmazonEKSClusterAdminPolicy$/);
      expect(a.depends_on).toHaveLength(1);
      expect(a.depends_on[0]).toMatch(/^aws_eks_access_entry\.eks_admin-\d_/);
    }
  });

  test('bootstrapCreatorAdmin false, other log types and retention, no logs at all', () => {
    const json = synthJson(eksStack({ bootstrapCreatorAdmin: false, logTypes: ['audit', 'scheduler'], logRetentionDays: 365 }).stack);
    const cluster = only(json, 'aws_eks_cluster');
    expect(cluster.access_config.bootstrap_cluster_creator_admin_permissions).toBe(false);
    expect(cluster.enabled_cluster_log_types).toEqual(['audit', 'scheduler']);
    expect(only(json, 'aws_cloudwatch_log_group').retention_in_days).toBe(365);
    const none = synthJson(eksStack({ logTypes: [] }).stack);
    expect(none.resource.aws_cloudwatch_log_group).toBeUndefined();
    expect(only(none, 'aws_eks_cluster').depends_on).toHaveLength(2);
  });

  test('a token cluster name and token subnets are taken as they are', () => {
    const { stack } = newStack();
    const name = new TerraformVariable(stack, 'name', { type: 'string' });
    const subnets = new TerraformVariable(stack, 'subnets', { type: 'list(string)' });
    new EksControlPlane(stack, 'eks', { clusterName: name.stringValue, subnetIds: subnets.listValue, costTags: tags });
    const cluster = only(synthJson(stack), 'aws_eks_cluster');
    expect(cluster.name).toBe('${var.name}');
    expect(cluster.vpc_config.subnet_ids).toBe('${var.subnets}');
    expect(only(synthJson(stack), 'aws_eks_node_group').subnet_ids).toBe('${var.subnets}');
  });

  test('list tokens for publicAccessCidrs or adminPrincipalArns are refused: their length decides resources and flags', () => {
    const { stack } = newStack();
    const list = new TerraformVariable(stack, 'list', { type: 'list(string)' }).listValue;
    const cidrs = errorOf(() => new EksControlPlane(stack, 'a', { ...baseProps, publicAccessCidrs: list }));
    expect([cidrs.code, cidrs.prop]).toEqual(['LIST_TOKEN', 'publicAccessCidrs']);
    expect(errorOf(() => new EksControlPlane(stack, 'b', { ...baseProps, adminPrincipalArns: list })).prop).toBe('adminPrincipalArns');
  });

  test('CostTags.of(stack) reaches every resource when costTags is not given', () => {
    const { stack } = newStack();
    CostTags.of(stack).addAll(tags);
    new EksControlPlane(stack, 'eks', { clusterName: 'ml-prod', subnetIds: ['subnet-0a1', 'subnet-0b2'] });
    const json = synthJson(stack);
    for (const type of ['aws_eks_cluster', 'aws_kms_key', 'aws_cloudwatch_log_group', 'aws_eks_node_group', 'aws_launch_template', 'aws_eks_addon']) {
      for (const r of all(json, type)) expect(r.tags).toEqual(awsTags);
    }
    expect(costLines(stack).every((l) => l.tags.team === 'ml-platform')).toBe(true);
  });
});

describe('EksControlPlane: support type and cost', () => {
  test('a version in extended support with supportType EXTENDED is priced at the extended rate: 730 h x 0.60', () => {
    const { stack } = eksStack({ kubernetesVersion: '1.33', supportType: 'EXTENDED' });
    const json = synthJson(stack);
    expect(only(json, 'aws_eks_cluster').upgrade_policy).toEqual({ support_type: 'EXTENDED' });
    expect(only(json, 'aws_eks_cluster').version).toBe('1.33');
    expect(all(json, 'aws_eks_addon').find((a) => a.addon_name === 'kube-proxy')!.addon_version).toBe('v1.33.3-eksbuild.4');
    const line = costLines(stack).find((l) => l.constructPath === 'test/eks')!;
    expect(line.item).toBe('EKS control plane, Kubernetes 1.33 in extended support (until 2027-07-29)');
    expect(line.monthlyUsd).toEqual({ expected: 438, worstCase: 438 });
    expect(line.prices[0]!.what).toBe('eks-control-plane-extended-support');
  });

  test('EXTENDED on a version in standard support costs the standard rate and says when that changes', () => {
    const line = costLines(eksStack({ supportType: 'EXTENDED' }).stack).find((l) => l.constructPath === 'test/eks')!;
    expect(line.monthlyUsd.expected).toBe(73);
    expect(line.item).toBe('EKS control plane, Kubernetes 1.35 (standard support until 2027-03-27, then the extended-support rate)');
  });
});

describe('EksControlPlane: bad input', () => {
  const make = (over: Record<string, unknown>) => () => eksStack(over as never);

  test.each([
    ['1.35.2', 'INVALID_KUBERNETES_VERSION', /such as '1\.35'/],
    ['v1.34', 'INVALID_KUBERNETES_VERSION', /such as '1\.34'/],
    ['latest', 'INVALID_KUBERNETES_VERSION', /minor version/],
    ['1.36', 'UNKNOWN_KUBERNETES_VERSION', /newer than the library's EKS version table \(as of 2026-08-22, newest 1\.35\)/],
    ['1.20', 'UNKNOWN_KUBERNETES_VERSION', /reached end of support/],
    ['1.30', 'KUBERNETES_VERSION_END_OF_SUPPORT', /end of EKS extended support on 2026-07-23/],
  ])('kubernetesVersion %s: %s', (version, code, message) => {
    const e = errorOf(make({ kubernetesVersion: version }));
    expect(e.code).toBe(code);
    expect(e.prop).toBe('kubernetesVersion');
    expect(e.constructPath).toBe('test/eks');
    expect(e.message).toMatch(message);
    expect(e.allowed).toBe('1.35 (standard support), 1.34 (standard support), 1.33 (extended support), 1.32 (extended support), 1.31 (extended support)');
    expect(e.fix).toBeTruthy();
  });

  test('a version in extended support with supportType STANDARD: EKS would upgrade it on the spot', () => {
    const e = errorOf(make({ kubernetesVersion: '1.33' }));
    expect(e.code).toBe('KUBERNETES_VERSION_IN_EXTENDED_SUPPORT');
    expect(e.message).toMatch(/in extended support since 2026-07-29/);
    expect(e.fix).toMatch(/supportType: 'EXTENDED'/);
  });

  test.each([
    [['10.0.0.0/33'], 'INVALID_CIDR', /is not a CIDR block/],
    [['300.1.2.0/24'], 'INVALID_CIDR', /is not a CIDR block/],
    [['203.0.113.0'], 'INVALID_CIDR', /is not a CIDR block/],
    [['203.0.113.7/24'], 'INVALID_CIDR', /host bits.*Allowed: the network address: 203\.0\.113\.0\/24/],
    [['203.0.113.0/24', '203.0.113.0/24'], 'DUPLICATE_VALUE', /more than once/],
    ['203.0.113.0/24', 'INVALID_CIDRS', /must be a list/],
  ])('publicAccessCidrs %j: %s', (cidrs, code, message) => {
    const e = errorOf(make({ publicAccessCidrs: cidrs }));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  test('one subnet, a duplicate, two subnets in one availability zone, zones not matching subnets', () => {
    expect(errorOf(make({ subnetIds: ['subnet-0a1'] })).code).toBe('TOO_FEW_SUBNETS');
    expect(errorOf(make({ subnetIds: [] })).code).toBe('EMPTY_LIST');
    expect(errorOf(make({ subnetIds: ['subnet-0a1', 'subnet-0a1'] })).code).toBe('DUPLICATE_VALUE');
    const oneZone = errorOf(make({ subnetAvailabilityZones: ['us-east-1a', 'us-east-1a'] }));
    expect(oneZone.code).toBe('SINGLE_AVAILABILITY_ZONE');
    expect(oneZone.message).toMatch(/puts every subnet in us-east-1a/);
    expect(errorOf(make({ subnetAvailabilityZones: ['us-east-1a'] })).code).toBe('INVALID_SUBNET_ZONES');
    expect(() => eksStack({ subnetAvailabilityZones: ['us-east-1a', 'us-east-1b'] })).not.toThrow();
  });

  test('cluster name, principals, log types, retention, support type', () => {
    expect(errorOf(make({ clusterName: '-bad' })).prop).toBe('clusterName');
    expect(errorOf(make({ clusterName: '${x}' })).prop).toBe('clusterName');
    const sts = errorOf(make({ adminPrincipalArns: ['arn:aws:sts::123456789012:assumed-role/admin/session'] }));
    expect([sts.prop, sts.fix]).toEqual(['adminPrincipalArns[0]', expect.stringMatching(/not of an sts assumed-role session/)]);
    expect(errorOf(make({ logTypes: ['audit', 'kubelet'] })).prop).toBe('logTypes[1]');
    expect(errorOf(make({ logRetentionDays: 45 })).code).toBe('INVALID_LOG_RETENTION');
    expect(errorOf(make({ logRetentionDays: NaN })).code).toBe('INVALID_LOG_RETENTION');
    expect(errorOf(make({ supportType: 'standard' })).code).toBe('INVALID_CHOICE');
    expect(errorOf(make({ bootstrapCreatorAdmin: 'yes' })).code).toBe('INVALID_BOOLEAN');
    expect(errorOf(make({ adminPrincipalArns: ['arn:aws:iam::123456789012:role/a', 'arn:aws:iam::123456789012:role/a'] })).code).toBe('DUPLICATE_VALUE');
  });

  test('system nodes: unknown type, GPU type, NaN counts, min > max, desired outside', () => {
    const sys = (systemNodes: Record<string, unknown>) => errorOf(make({ systemNodes }));
    const unknown = sys({ instanceTypes: ['m9z.large'] });
    expect([unknown.code, unknown.prop, unknown.constructPath]).toEqual(['UNKNOWN_SYSTEM_TYPE', 'systemNodes.instanceTypes[0]', 'test/eks/system']);
    expect(unknown.allowed).toMatch(/m7i\.large/);
    const gpu = sys({ instanceTypes: ['m7i.large', 'g6e.xlarge'] });
    expect([gpu.code, gpu.prop]).toEqual(['GPU_TYPE_AS_SYSTEM_TYPE', 'systemNodes.instanceTypes[1]']);
    expect(sys({ instanceTypes: ['m7i.large', 'm7g.large'] }).code).toBe('MIXED_ARCHITECTURES');
    expect(sys({ instanceTypes: [] }).code).toBe('EMPTY_LIST');
    const nan = sys({ scaling: { min: NaN, desired: 2, max: 3 } });
    expect([nan.code, nan.prop]).toEqual(['INVALID_NUMBER', 'systemNodes.scaling.min']);
    expect(sys({ scaling: { min: 2, desired: Infinity, max: 3 } }).code).toBe('INVALID_NUMBER');
    const order = sys({ scaling: { min: 4, desired: 4, max: 3 } });
    expect([order.code, order.prop]).toEqual(['INVALID_SCALING', 'systemNodes.scaling.min']);
    expect(sys({ scaling: { min: 1, desired: 5, max: 3 } }).prop).toBe('systemNodes.scaling.desired');
    expect(sys({ scaling: { min: 0, desired: 0, max: 3 } }).code).toBe('OUT_OF_RANGE');
    expect(sys({ volumeSizeGiB: 10 }).prop).toBe('systemNodes.volumeSizeGiB');
  });
});

describe('EksControlPlane: system nodes by architecture and region', () => {
  test('arm64 types run the AL2023 ARM standard AMI', () => {
    const json = synthJson(eksStack({ systemNodes: { instanceTypes: ['m7g.large'], scaling: { min: 1, desired: 1, max: 2 }, volumeSizeGiB: 80 } }).stack);
    const group = only(json, 'aws_eks_node_group');
    expect(group.ami_type).toBe('AL2023_ARM_64_STANDARD');
    expect(group.scaling_config).toEqual({ min_size: 1, desired_size: 1, max_size: 2 });
    expect(only(json, 'aws_launch_template').block_device_mappings[0].ebs.volume_size).toBe(80);
  });

  test('where the price data has no m7i.large (af-south-1), the default is m6i.large, priced at 0.127', () => {
    const { stack } = eksStack({}, 'af-south-1');
    expect(only(synthJson(stack), 'aws_eks_node_group').instance_types).toEqual(['m6i.large']);
    const line = costLines(stack).find((l) => l.item.includes('m6i.large'))!;
    // 2 x 730 x 0.127 = 185.42; 3 x 730 x 0.127 = 278.13
    expect(line.monthlyUsd).toEqual({ expected: 185.42, worstCase: 278.13 });
  });
});

describe('EksControlPlane: policy report', () => {
  test('a stack with an AwsProvider and a default EksControlPlane has no findings in policy-report.json', () => {
    const { stack } = eksStack();
    const app = stack.node.root as unknown as { synth(): void; outdir: string };
    app.synth();
    const report = JSON.parse(readFileSync(join(app.outdir, 'stacks', 'test', 'policy-report.json'), 'utf8'));
    expect(report.findings.filter((f: { area: string }) => f.area === 'security')).toEqual([]);
    expect(report.findings).toEqual([]);
  });
});

describe('EksControlPlane: determinism', () => {
  test('two synths of the same program are byte-identical', () => {
    const once = () => JSON.stringify(synthJson(eksStack({ adminPrincipalArns: ['arn:aws:iam::123456789012:role/a'], publicAccessCidrs: ['203.0.113.0/24'] }).stack));
    expect(once()).toBe(once());
  });
});
