import {
  CloudwatchLogGroup,
  DataAwsPartition,
  Ec2Tag,
  EksAccessEntry,
  EksAccessPolicyAssociation,
  EksAddon,
  EksCluster,
  IamRole,
  IamRolePolicy,
  IamRolePolicyAttachment,
  KmsAlias,
  KmsKey,
} from '../core/providers.js';
import { Annotations, Construct, Lazy, Token } from '../core/cdktf.js';
import type { ITerraformDependable } from '../core/cdktf.js';
import { PropChecker } from '../core/validate.js';
import { CostTags, costTagsToAwsTags } from '../core/cost-tags.js';
import type { CostTagSet } from '../core/cost-tags.js';
import { declareCostProfile } from '../core/cost-registry.js';
import { addDependsOn } from '../core/depends-on.js';
import { isOpenCidr, parseCidr } from '../base/cidr.js';
import { HOURS_PER_MONTH } from '../cost/cost-profile.js';
import type { FixedCostProfile } from '../cost/cost-profile.js';
import { DEFAULT_KUBERNETES_VERSION, resolveKubernetesVersion } from './eks-versions.js';
import type { CoreAddonName, ResolvedKubernetesVersion } from './eks-versions.js';
import { SystemNodeGroup } from './system-node-group.js';
import type { SystemNodeGroupOptions } from './system-node-group.js';

/** Control-plane log types EKS can send to CloudWatch Logs. */
export type ControlPlaneLogType = 'api' | 'audit' | 'authenticator' | 'controllerManager' | 'scheduler';

/** Props of an EksControlPlane. */
export interface EksControlPlaneProps {
  /** EKS cluster name: 1-100 letters, digits, - and _, starting with a letter or digit (tokens accepted). */
  readonly clusterName: string;
  /** At least two subnets in two availability zones: the control plane's ENIs and the system node group. */
  readonly subnetIds: string[];
  /**
   * Availability zone of each subnet, in the order of `subnetIds`, when known (the VPC construct
   * knows them): fewer than two distinct zones is an error.
   * @default - not checked
   */
  readonly subnetAvailabilityZones?: string[];
  /**
   * Kubernetes minor version, from the library's EKS version table.
   * @default DEFAULT_KUBERNETES_VERSION
   */
  readonly kubernetesVersion?: string;
  /**
   * CIDR blocks allowed to reach the public API endpoint. None: the public endpoint is off and
   * the API is reachable from inside the VPC only (deploy the add-ons stack from there). 0.0.0.0/0
   * draws a warning, and the `eks-public-endpoint` security rule fails synth unless acknowledged.
   * @default []
   */
  readonly publicAccessCidrs?: string[];
  /**
   * IAM role or user ARNs given cluster-admin through access entries (AmazonEKSClusterAdminPolicy, cluster scope).
   * @default []
   */
  readonly adminPrincipalArns?: string[];
  /**
   * Give the identity that creates the cluster admin access (bootstrapClusterCreatorAdminPermissions),
   * so the add-ons stack can deploy in the same `cdktf deploy`. EKS reads it at creation only.
   * @default true
   */
  readonly bootstrapCreatorAdmin?: boolean;
  /**
   * Control-plane log types, sent to the log group `/aws/eks/<name>/cluster` created before the cluster.
   * @default ['api', 'audit', 'authenticator']
   */
  readonly logTypes?: ControlPlaneLogType[];
  /**
   * Retention of the control-plane log group, in days (a value CloudWatch Logs accepts).
   * @default 90
   */
  readonly logRetentionDays?: number;
  /**
   * 'STANDARD': EKS upgrades the cluster at the end of standard support. 'EXTENDED': it may stay
   * on a version in extended support, at the extended-support rate (6x the control-plane price).
   * @default 'STANDARD'
   */
  readonly supportType?: 'STANDARD' | 'EXTENDED';
  /**
   * The system node group (on-demand, non-GPU) for CoreDNS, the GPU Operator and the Karpenter controller.
   * @default - m7i.large, 2 nodes (max 3), 50 GiB
   */
  readonly systemNodes?: SystemNodeGroupOptions;
  /**
   * Cost-allocation tags of every cost-bearing resource.
   * @default - the tags of `CostTags.of(scope)`
   */
  readonly costTags?: CostTagSet;
}

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const SUBNET_ID = /^subnet-[0-9A-Za-z]+$/;
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;
const LOG_TYPES: readonly ControlPlaneLogType[] = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
/** Add-ons the nodes need before they turn Ready: the CNI, kube-proxy (the CNI reaches the API through the service IP) and the Pod Identity agent. */
const BEFORE_NODES: readonly CoreAddonName[] = ['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent'];

/**
 * The EKS cluster of a new GPU cluster, as a careful engineer writes it by hand: a pinned Kubernetes
 * version; API authentication with access entries; secrets envelope-encrypted with a rotating KMS
 * key; control-plane logs to a log group with a retention; a private endpoint (public only for the
 * CIDRs given); the cluster security group tagged for Karpenter discovery; pinned core add-ons
 * (vpc-cni, kube-proxy and the Pod Identity agent before the nodes, CoreDNS after them); and a small
 * on-demand system node group. The control plane (standard or extended-support rate) and the KMS
 * key are in the cost report.
 *
 * @example
 * const eks = new EksControlPlane(stack, 'eks', {
 *   clusterName: 'ml-prod',
 *   subnetIds: vpc.privateSubnetIds,
 *   publicAccessCidrs: ['203.0.113.0/24'],
 *   adminPrincipalArns: ['arn:aws:iam::123456789012:role/platform-admin'],
 *   costTags: { team: 'ml-platform', costCenter: 'cc-42', environment: 'prod' },
 * });
 */
export class EksControlPlane extends Construct {
  readonly cluster: EksCluster;
  /** The cluster resource's name attribute (a token), so dependents wait for the cluster. */
  readonly clusterName: string;
  readonly endpoint: string;
  /** Base64 PEM of the cluster CA, as EKS returns it. */
  readonly certificateAuthorityData: string;
  /** The security group EKS creates for the cluster (tagged `karpenter.sh/discovery`). */
  readonly clusterSecurityGroupId: string;
  /** The Kubernetes minor version given or defaulted (a literal). */
  readonly kubernetesVersion: string;
  readonly systemNodeGroup: SystemNodeGroup;
  /** The core add-ons by name: vpc-cni, kube-proxy, eks-pod-identity-agent, coredns. */
  readonly addons: Record<string, EksAddon>;
  /** Envelope-encryption key of Kubernetes secrets. */
  readonly kmsKey: KmsKey;
  readonly kmsAlias: KmsAlias;
  readonly clusterRole: IamRole;
  /** The role the EBS CSI driver's controller runs as (Pod Identity). */
  readonly ebsCsiRole: IamRole;
  /** The control-plane log group, when logTypes is not empty. */
  readonly logGroup?: CloudwatchLogGroup;
  /**
   * What every node group of the cluster must depend on (vpc-cni, kube-proxy, Pod Identity agent):
   * without the CNI, nodes never turn Ready and the node group's creation times out.
   */
  readonly nodeDependencies: ITerraformDependable[];
  /** The version's calendar, support status and pinned add-on builds. */
  readonly versionInfo: ResolvedKubernetesVersion;
  readonly supportType: 'STANDARD' | 'EXTENDED';
  /** Public endpoint CIDRs (empty: private endpoint only). */
  readonly publicAccessCidrs: readonly string[];

  private readonly ownTags: Record<string, string>;

  constructor(scope: Construct, id: string, props: EksControlPlaneProps) {
    super(scope, id);
    const check = new PropChecker(this.node.path);
    if (props === null || typeof props !== 'object') {
      check.fail('MISSING_PROPS', 'props', props, 'are required', 'an EksControlPlaneProps object', 'pass clusterName and subnetIds');
    }
    const name = check.string('clusterName', props.clusterName, {
      pattern: CLUSTER_NAME,
      allowed: 'an EKS cluster name: 1-100 letters, digits, - and _, starting with a letter or digit',
    });
    const subnets = resolveSubnets(check, props.subnetIds, props.subnetAvailabilityZones);
    this.supportType = check.oneOf('supportType', props.supportType ?? 'STANDARD', ['STANDARD', 'EXTENDED'] as const);
    this.versionInfo = resolveKubernetesVersion(props.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION, this.supportType, { path: this.node.path });
    this.kubernetesVersion = this.versionInfo.version;
    this.publicAccessCidrs = resolveCidrs(this, check, props.publicAccessCidrs);
    const admins = resolvePrincipals(check, props.adminPrincipalArns);
    const bootstrapCreatorAdmin = props.bootstrapCreatorAdmin ?? true;
    if (typeof bootstrapCreatorAdmin !== 'boolean') check.fail('INVALID_BOOLEAN', 'bootstrapCreatorAdmin', bootstrapCreatorAdmin, 'must be true or false', 'true or false');
    const logTypes = resolveLogTypes(check, props.logTypes);
    const retention = props.logRetentionDays ?? 90;
    if (typeof retention !== 'number' || !LOG_RETENTION_DAYS.includes(retention)) {
      check.fail('INVALID_LOG_RETENTION', 'logRetentionDays', retention, 'is not a retention CloudWatch Logs accepts', LOG_RETENTION_DAYS.join(', '), 'pick one of the allowed values, e.g. 90');
    }
    this.ownTags = props.costTags === undefined ? {} : costTagsToAwsTags(props.costTags, check);
    const tags = Lazy.anyValue({ produce: () => this.costTags }) as unknown as Record<string, string>;

    const partition = new DataAwsPartition(this, 'partition');

    this.kmsKey = new KmsKey(this, 'kms-key', {
      description: `Envelope encryption of Kubernetes secrets of EKS cluster ${name}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      tags,
    });
    this.kmsAlias = new KmsAlias(this, 'kms-alias', { name: `alias/eks/${name}`, targetKeyId: this.kmsKey.keyId });

    this.clusterRole = new IamRole(this, 'cluster-role', {
      namePrefix: 'eks-cluster-',
      description: `EKS control plane of ${name} (cdktf-gpu-cluster)`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'EKSClusterAssumeRole', Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
      }),
      tags,
    });
    const clusterPolicy = new IamRolePolicyAttachment(this, 'cluster-policy', {
      role: this.clusterRole.name,
      policyArn: `arn:${partition.partition}:iam::aws:policy/AmazonEKSClusterPolicy`,
    });
    // The control plane encrypts and decrypts secrets with the key (the default key policy lets IAM grant it).
    const encryptionPolicy = new IamRolePolicy(this, 'cluster-encryption', {
      role: this.clusterRole.name,
      namePrefix: 'secrets-encryption-',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'], Resource: this.kmsKey.arn }],
      }),
    });

    // Created before the cluster so EKS does not create it without a retention (logs kept forever).
    this.logGroup = logTypes.length
      ? new CloudwatchLogGroup(this, 'log-group', { name: `/aws/eks/${name}/cluster`, retentionInDays: retention, tags })
      : undefined;

    const publicCidrs = [...this.publicAccessCidrs];
    this.cluster = new EksCluster(this, 'cluster', {
      name,
      roleArn: this.clusterRole.arn,
      version: this.kubernetesVersion,
      enabledClusterLogTypes: logTypes,
      // The core add-ons below are EKS-managed; EKS's unmanaged copies would only be overwritten.
      bootstrapSelfManagedAddons: false,
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: bootstrapCreatorAdmin },
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: this.kmsKey.arn } },
      vpcConfig: {
        subnetIds: subnets,
        endpointPrivateAccess: true,
        endpointPublicAccess: publicCidrs.length > 0,
        publicAccessCidrs: publicCidrs.length ? publicCidrs : undefined,
      },
      upgradePolicy: { supportType: this.supportType },
      tags,
      dependsOn: [clusterPolicy, encryptionPolicy, ...(this.logGroup ? [this.logGroup] : [])],
      // Both are read at creation only; a change would replace the cluster.
      lifecycle: { ignoreChanges: ['access_config[0].bootstrap_cluster_creator_admin_permissions', 'bootstrap_self_managed_addons'] },
    });
    this.clusterName = this.cluster.name;
    this.endpoint = this.cluster.endpoint;
    this.certificateAuthorityData = this.cluster.certificateAuthority.get(0).data;
    this.clusterSecurityGroupId = this.cluster.vpcConfig.clusterSecurityGroupId;

    // Karpenter's EC2NodeClass selects the cluster security group by this tag.
    new Ec2Tag(this, 'karpenter-discovery', { resourceId: this.clusterSecurityGroupId, key: 'karpenter.sh/discovery', value: this.clusterName });

    admins.forEach((arn, i) => {
      const entry = new EksAccessEntry(this, `admin-${i}`, { clusterName: this.clusterName, principalArn: arn, type: 'STANDARD', tags });
      new EksAccessPolicyAssociation(this, `admin-${i}-policy`, {
        clusterName: this.clusterName,
        principalArn: arn,
        policyArn: `arn:${partition.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
        accessScope: { type: 'cluster' },
        dependsOn: [entry],
      });
    });

    const addon = (addonName: CoreAddonName, dependsOn?: ITerraformDependable[], podIdentity?: { roleArn: string; serviceAccount: string }) =>
      new EksAddon(this, `addon-${addonName}`, {
        clusterName: this.clusterName,
        addonName,
        addonVersion: this.versionInfo.addons[addonName],
        ...(podIdentity ? { podIdentityAssociation: [podIdentity] } : {}),
        // As terraform-aws-modules/eks: take over what exists on create; on update the add-on's
        // configuration in code wins over edits made in the cluster.
        resolveConflictsOnCreate: 'OVERWRITE',
        resolveConflictsOnUpdate: 'OVERWRITE',
        tags,
        dependsOn,
      });
    this.addons = {};
    for (const a of BEFORE_NODES) this.addons[a] = addon(a);
    this.nodeDependencies = BEFORE_NODES.map((a) => this.addons[a]!);

    this.systemNodeGroup = new SystemNodeGroup(this, 'system', {
      ...(props.systemNodes ?? {}),
      clusterName: this.clusterName,
      subnetIds: subnets,
      kubernetesVersion: this.cluster.version,
      costTags: props.costTags,
    });
    for (const d of this.nodeDependencies) addDependsOn(this.systemNodeGroup.nodeGroup, d);
    // CoreDNS pods need nodes to run on; without them the add-on stays DEGRADED and its creation times out.
    this.addons.coredns = addon('coredns', [this.systemNodeGroup.nodeGroup]);
    // Persistent volumes (Prometheus's among them): the EBS CSI driver, its controller reaching EC2
    // through Pod Identity with the AWS managed policy, created once nodes can run it.
    this.ebsCsiRole = new IamRole(this, 'ebs-csi-role', {
      namePrefix: 'ebs-csi-',
      description: `EBS CSI driver controller of ${name} (cdktf-gpu-cluster)`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
      }),
      tags,
    });
    const ebsPolicy = new IamRolePolicyAttachment(this, 'ebs-csi-policy', {
      role: this.ebsCsiRole.name,
      policyArn: `arn:${partition.partition}:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy`,
    });
    this.addons['aws-ebs-csi-driver'] = addon('aws-ebs-csi-driver', [this.systemNodeGroup.nodeGroup, ebsPolicy], { roleArn: this.ebsCsiRole.arn, serviceAccount: 'ebs-csi-controller-sa' });

    const extended = this.supportType === 'EXTENDED' && this.versionInfo.status === 'EXTENDED';
    declareCostProfile(this, (): FixedCostProfile => ({
      kind: 'fixed',
      constructPath: this.node.path,
      item: extended ? 'eks-control-plane-extended-support' : 'eks-control-plane',
      quantity: 1,
      hoursPerMonth: HOURS_PER_MONTH,
      description: extended
        ? `EKS control plane, Kubernetes ${this.kubernetesVersion} in extended support (until ${this.versionInfo.endOfExtendedSupport})`
        : `EKS control plane, Kubernetes ${this.kubernetesVersion} (standard support until ${this.versionInfo.endOfStandardSupport}${this.supportType === 'EXTENDED' ? ', then the extended-support rate' : ''})`,
      tags: this.costTags,
    }));
    declareCostProfile(this.kmsKey, (): FixedCostProfile => ({
      kind: 'fixed',
      constructPath: this.kmsKey.node.path,
      item: 'kms-key',
      quantity: 1,
      // enableKeyRotation without rotation_period_in_days: AWS rotates every 365 days.
      rotationPeriodDays: 365,
      description: 'KMS key for EKS secrets encryption',
      tags: this.costTags,
    }));
  }

  /** The AWS cost tags of the cluster's resources: `CostTags.of(...)` of its scopes, then its own `costTags`. */
  get costTags(): Record<string, string> {
    return { ...CostTags.resolve(this), ...this.ownTags };
  }
}

function resolveSubnets(check: PropChecker, given: unknown, zones: unknown): string[] {
  const subnets = check.nonEmptyArray<string>('subnetIds', given, 'subnet IDs (subnet-...)');
  // A list token (a VPC module's output) is taken as it is: its length is known at apply only.
  if (Token.isUnresolved(subnets)) return subnets;
  if (subnets.length < 2) {
    check.fail('TOO_FEW_SUBNETS', 'subnetIds', subnets, 'lists fewer than two subnets; EKS places control-plane network interfaces in at least two availability zones', 'two or more subnets in two or more availability zones', 'pass a private subnet of each availability zone');
  }
  subnets.forEach((s, i) => check.string(`subnetIds[${i}]`, s, { pattern: SUBNET_ID, allowed: 'a subnet ID such as subnet-0123abcd' }));
  const dup = subnets.find((s, i) => !Token.isUnresolved(s) && subnets.indexOf(s) !== i);
  if (dup) check.fail('DUPLICATE_VALUE', 'subnetIds', subnets, `lists ${dup} more than once`, 'each subnet once', `remove the duplicate ${dup}`);
  if (zones === undefined) return subnets;
  if (Token.isUnresolved(zones)) return subnets;
  if (!Array.isArray(zones) || zones.length !== subnets.length) {
    check.fail('INVALID_SUBNET_ZONES', 'subnetAvailabilityZones', zones, 'must list one availability zone per subnet, in the order of subnetIds', `${subnets.length} zone names such as us-east-1a`, 'pass the zone of each subnet, or leave subnetAvailabilityZones unset');
  }
  const literal = (zones as unknown[]).filter((z): z is string => typeof z === 'string' && !Token.isUnresolved(z));
  if (literal.length === zones.length) {
    (zones as unknown[]).forEach((z, i) => check.string(`subnetAvailabilityZones[${i}]`, z, { pattern: /^[a-z]{2}(-gov)?-[a-z]+-\d+[a-z]$|^[a-z0-9]+-az\d+$/, allowed: 'an availability zone name (us-east-1a) or ID (use1-az1)' }));
    if (new Set(literal).size < 2) {
      check.fail('SINGLE_AVAILABILITY_ZONE', 'subnetAvailabilityZones', zones, `puts every subnet in ${literal[0]}; EKS requires subnets in at least two availability zones`, 'subnets in two or more availability zones', 'add a subnet of another availability zone');
    }
  }
  return subnets;
}

function resolveCidrs(scope: Construct, check: PropChecker, given: unknown): string[] {
  if (given === undefined) return [];
  // The endpoint flag follows the list's length, so it must be known at synth (elements may be tokens).
  if (Token.isUnresolved(given)) check.fail('LIST_TOKEN', 'publicAccessCidrs', given, 'is a list token whose length is known only at apply', 'a literal list (its elements may be tokens)', 'pass [cidrA, cidrB] instead of a list output');
  if (!Array.isArray(given)) check.fail('INVALID_CIDRS', 'publicAccessCidrs', given, 'must be a list', 'a list of CIDR blocks such as 203.0.113.0/24, or [] for a private endpoint');
  const list = given as unknown[];
  list.forEach((c, i) => {
    const prop = `publicAccessCidrs[${i}]`;
    if (typeof c === 'string' && Token.isUnresolved(c)) return;
    const parsed = typeof c === 'string' ? parseCidr(c.trim()) : undefined;
    if (!parsed) check.fail('INVALID_CIDR', prop, c, 'is not a CIDR block', 'an IPv4 block such as 203.0.113.0/24 (or an IPv6 block)', 'write the address and the prefix length, e.g. 203.0.113.7/32 for one address');
    if (`${parsed!.address}/${parsed!.prefix}` !== parsed!.network) {
      check.fail('INVALID_CIDR', prop, c, 'has host bits set below its prefix length', `the network address: ${parsed!.network}`, `write ${parsed!.network}`);
    }
    if (isOpenCidr(parsed!)) {
      Annotations.of(scope).addWarning(`${prop}: ${c} opens the public API endpoint to the whole internet; the eks-public-endpoint security rule fails synth unless acknowledged (CostPolicy.acknowledge(cluster, { rule: 'eks-public-endpoint', reason })). Prefer the CIDRs of your offices, VPN and CI.`);
    }
  });
  const dup = list.find((c, i) => list.indexOf(c) !== i);
  if (dup !== undefined) check.fail('DUPLICATE_VALUE', 'publicAccessCidrs', list, `lists ${String(dup)} more than once`, 'each CIDR once', `remove the duplicate ${String(dup)}`);
  return (list as string[]).map((c) => (Token.isUnresolved(c) ? c : c.trim()));
}

function resolvePrincipals(check: PropChecker, given: unknown): string[] {
  if (given === undefined) return [];
  // One access entry per principal: the count must be known at synth (elements may be tokens).
  if (Token.isUnresolved(given)) check.fail('LIST_TOKEN', 'adminPrincipalArns', given, 'is a list token whose length is known only at apply', 'a literal list (its elements may be tokens)', 'pass [arnA, arnB] instead of a list output');
  if (!Array.isArray(given)) check.fail('INVALID_PRINCIPALS', 'adminPrincipalArns', given, 'must be a list', 'a list of IAM role or user ARNs');
  const list = given as unknown[];
  list.forEach((a, i) =>
    check.string(`adminPrincipalArns[${i}]`, a, {
      pattern: PRINCIPAL_ARN,
      allowed: 'an IAM role or user ARN such as arn:aws:iam::123456789012:role/platform-admin (not an assumed-role session ARN)',
      fix: 'pass the ARN of the role (arn:aws:iam::<account>:role/<name>), not of an sts assumed-role session',
    }),
  );
  const dup = list.find((a, i) => !Token.isUnresolved(a) && list.indexOf(a) !== i);
  if (dup !== undefined) check.fail('DUPLICATE_VALUE', 'adminPrincipalArns', list, `lists ${String(dup)} more than once`, 'each principal once', `remove the duplicate ${String(dup)}`);
  return list as string[];
}

function resolveLogTypes(check: PropChecker, given: unknown): ControlPlaneLogType[] {
  if (given === undefined) return ['api', 'audit', 'authenticator'];
  if (!Array.isArray(given)) check.fail('INVALID_LOG_TYPES', 'logTypes', given, 'must be a list', LOG_TYPES.join(', '), 'pass a list, or [] for no control-plane logs');
  const list = (given as unknown[]).map((t, i) => check.oneOf(`logTypes[${i}]`, t, LOG_TYPES));
  const dup = list.find((t, i) => list.indexOf(t) !== i);
  if (dup) check.fail('DUPLICATE_VALUE', 'logTypes', list, `lists ${dup} more than once`, 'each log type once', `remove the duplicate ${dup}`);
  return list;
}
