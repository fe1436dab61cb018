import { DataAwsEksCluster, EksNodeGroup, PlacementGroup } from '../core/providers.js';
import type { LaunchTemplate, LaunchTemplateNetworkInterfaces } from '../core/providers.js';
import { nodeLaunchTemplate } from '../core/node-launch-template.js';
import { Annotations, Construct, Lazy, Token } from '../core/cdktf.js';
import { PropChecker } from '../core/validate.js';
import { costTagLabels, resolveTaints, warnOnRewrittenCostTags } from './node-props.js';
import type { GpuNodeTaint } from './node-props.js';
import { CostTags, costTagsToAwsTags } from '../core/cost-tags.js';
import type { CostTagSet } from '../core/cost-tags.js';
import { LABEL_PREFIX, isLabelKey, isLabelValue } from '../base/labels.js';
import { declareCostProfile } from '../core/cost-registry.js';
import { justify } from '../core/justifications.js';
import { maxNodesPerNodeGroup } from '../core/node-ceiling.js';
import { GpuInstanceType, unknownType } from '../catalog/gpu-instance-type.js';
import { InstanceCatalog } from '../catalog/instance-catalog.js';
import type { GpuInstanceSpec } from '../catalog/instance-spec.js';
import { HOURS_PER_MONTH } from '../cost/cost-profile.js';
import type { ComputeCostProfile } from '../cost/cost-profile.js';
import { CapacityType } from './capacity-type.js';
import { AmiType } from './ami-type.js';
import { GpuNodeRole } from './node-role.js';
import { NodePartitioning } from './node-partitioning.js';
import type { MigLayout } from '../catalog/mig-layout.js';
import type { GpuSharing } from '../catalog/gpu-sharing.js';

/** Node counts of a node group. */
export interface NodeGroupScaling {
  /** Fewest nodes; 0 lets the group scale to zero. */
  readonly min: number;
  /** Nodes to start with (and the count the expected cost assumes). */
  readonly desired: number;
  /** Most nodes; the worst-case cost assumes this many. */
  readonly max: number;
}

/** A Kubernetes taint. */
export type NodeTaint = GpuNodeTaint;

/** The volume that holds container images (root on AL2023, data volume on Bottlerocket). */
export interface NodeVolume {
  /**
   * Size in GiB. ML images (CUDA, PyTorch) run to tens of GiB each and a node caches several.
   * @default 200
   */
  readonly sizeGiB?: number;
  /**
   * gp3 IOPS (3,000 are included in the gp3 price).
   * @default 3000
   */
  readonly iops?: number;
  /**
   * gp3 throughput in MiB/s (125 are included in the gp3 price).
   * @default 125
   */
  readonly throughputMiBps?: number;
  /**
   * KMS key for the volume encryption.
   * @default - the account's default EBS key (aws/ebs)
   */
  readonly kmsKeyArn?: string;
}

/** Literal figures that stand in for token props when pricing and checking a node group. */
export interface NodeGroupCostAssumptions {
  /**
   * The node counts to price and check with, for each of `scaling.min`, `desired` and `max` that is
   * a token (a literal count needs none).
   * @default - none
   */
  readonly scaling?: Partial<NodeGroupScaling>;
}

/** Props of a GpuNodeGroup. */
export interface GpuNodeGroupProps {
  /** Name of the EKS cluster the nodes join. */
  readonly clusterName: string;
  /** Subnets for the nodes (private subnets of the cluster's VPC). */
  readonly subnetIds: string[];
  /** GPU instance types: `GpuInstanceType` statics or catalog API names. One architecture per group. */
  readonly instanceTypes: Array<GpuInstanceType | string>;
  /**
   * Node counts: min <= desired <= max. A count may be a number token (a variable, a module
   * output) only where `costAssumptions.scaling` gives the figure to price and check it with.
   */
  readonly scaling: NodeGroupScaling;
  /**
   * Figures the cost engine and the checks use where a prop is a token, whose value Terraform knows
   * only at apply. The report states each one.
   * @default - none: a token where a count is needed is TOKEN_NOT_ALLOWED
   */
  readonly costAssumptions?: NodeGroupCostAssumptions;
  /**
   * On-demand or spot.
   * @default CapacityType.ON_DEMAND
   */
  readonly capacityType?: CapacityType;
  /**
   * Cost-allocation tags for every resource and, through the launch template, every instance,
   * volume and network interface.
   * @default - the tags of `CostTags.of(scope)`; team, costCenter and environment must come from one or the other
   */
  readonly costTags?: CostTagSet;
  /**
   * Node group name prefix (Terraform appends a unique suffix, so a replacement can be created before the old group is destroyed).
   * @default - the construct id
   */
  readonly nodeGroupName?: string;
  /**
   * EKS AMI type.
   * @default - the AL2023 NVIDIA AMI of the instance types' architecture
   */
  readonly amiType?: AmiType;
  /**
   * IAM role the nodes run as.
   * @default - a node role shared by every node group of the stack (see GpuNodeRole)
   */
  readonly nodeRoleArn?: string;
  /**
   * Taints; the default keeps pods that do not ask for a GPU off GPU nodes.
   * @default [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }]
   */
  readonly taints?: NodeTaint[];
  /**
   * Extra Kubernetes labels (added to the pool, GPU and cost-tag labels the group sets itself).
   * @default {}
   */
  readonly labels?: Record<string, string>;
  /**
   * The Kubernetes version of the nodes: pass the cluster's (`eksCluster.version`, as GpuCluster
   * does) so that an upgrade of the control plane rolls the group after it. A literal `1.35`-style
   * minor version pins it.
   * @default - the cluster's version when the group is created; later control-plane upgrades leave it behind
   */
  readonly kubernetesVersion?: string;
  /**
   * The AMI release of the nodes (`release_version`, e.g. `1.35.6-20260714`), to pin it.
   * @default - the latest AMI release for the Kubernetes version, when the group is created or updated
   */
  readonly releaseVersion?: string;
  /**
   * The image volume (gp3, always encrypted).
   * @default { sizeGiB: 200, iops: 3000, throughputMiBps: 125 }
   */
  readonly volume?: NodeVolume;
  /**
   * IMDSv2 hop limit. 1 keeps pods (one hop further) from the node role's credentials; pods get
   * AWS access through EKS Pod Identity or IRSA instead. Raise to 2 only for pods that must read
   * IMDS, and say why in `imdsHopLimitReason`.
   * @default 1
   */
  readonly imdsHopLimit?: number;
  /**
   * Why these nodes need an IMDS hop limit above 1 (required then, at least 10 characters): it is
   * recorded as the acknowledgement of the `imds-hop-limit` security rule in the policy report.
   * @default - none (the hop limit must be 1)
   */
  readonly imdsHopLimitReason?: string;
  /**
   * Nodes replaced at once during an update. GPU nodes are expensive to idle and slow to drain, so one at a time.
   * @default 1
   */
  readonly maxUnavailable?: number;
  /**
   * EKS node auto repair (replaces nodes that report GPU or kubelet failures).
   * @default true
   */
  readonly nodeRepair?: boolean;
  /**
   * Attach EFA interfaces (one per network card, the first EFA+ENA, the rest EFA-only) and place
   * the nodes in a cluster placement group. Every instance type must support EFA; give the group a
   * single subnet, since a cluster placement group lives in one availability zone.
   * @default false
   */
  readonly efa?: boolean;
  /**
   * Security groups for the nodes' network interfaces when `efa` is on (EFA traffic needs a group
   * that allows all traffic to itself).
   * @default - the cluster security group, read from the cluster
   */
  readonly securityGroupIds?: string[];
  /**
   * Highest node count any scaling value may take (EKS allows 450 nodes per managed node group).
   * @default - the `cdktf-gpu-cluster:maxNodesPerNodeGroup` context value, else 450
   */
  readonly maxNodesCeiling?: number;
  /**
   * Hours per month the nodes run, for the cost profile.
   * @default 730
   */
  readonly hoursPerMonth?: number;
  /**
   * MIG layout for every GPU of the group, e.g. `MigLayout.uniform('1g.10gb')`. Every instance
   * type must offer its profiles and place it (a group lists its types, so a misfit is an error).
   * The nodes get the `nvidia.com/mig.config=<layout name>` label; the cost report shows cost per
   * slice-hour.
   * @default - no MIG
   */
  readonly migLayout?: MigLayout;
  /**
   * GPU sharing, `GpuSharing.timeSlicing({ replicas: 4 })` or `GpuSharing.mps({ replicas: 4 })`.
   * The nodes get the `nvidia.com/device-plugin.config=<config name>` label; the cost report shows
   * cost per shared replica-hour.
   * @default - no sharing
   */
  readonly sharing?: GpuSharing;
}

const TAINT_EFFECTS = { NoSchedule: 'NO_SCHEDULE', PreferNoSchedule: 'PREFER_NO_SCHEDULE', NoExecute: 'NO_EXECUTE' } as const;
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
/** 63 characters minus the 26 Terraform appends to a name prefix, minus the joining dash. */
const NODE_GROUP_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,35}$/;
const SUBNET_ID = /^subnet-[0-9A-Za-z]+$/;
const SG_ID = /^sg-[0-9A-Za-z]+$/;

/**
 * An EKS managed node group of GPU instances with its launch template: IMDSv2 required, encrypted
 * gp3 volume, GPU taint, pool / GPU / cost-tag labels, cost tags on instances, volumes and network
 * interfaces, node repair, and optional EFA with a cluster placement group. It declares a cost
 * profile (instance types, node counts, capacity type, storage, tags) for the cost engine.
 *
 * @example
 * new GpuNodeGroup(stack, 'inference', {
 *   clusterName: 'ml-prod',
 *   subnetIds: ['subnet-0a1b', 'subnet-0c2d'],
 *   instanceTypes: [GpuInstanceType.G6E_12XLARGE],
 *   scaling: { min: 1, desired: 2, max: 6 },
 *   costTags: { team: 'search', costCenter: 'cc-1234', environment: 'prod' },
 * });
 */
export class GpuNodeGroup extends Construct {
  readonly nodeGroup: EksNodeGroup;
  readonly launchTemplate: LaunchTemplate;
  /** The placement group, when `efa` is on. */
  readonly placementGroup?: PlacementGroup;
  /** Catalog specs of the instance types, in the order given. */
  readonly instanceSpecs: readonly GpuInstanceSpec[];
  readonly amiType: AmiType;
  readonly capacityType: CapacityType;
  readonly scaling: NodeGroupScaling;
  /** The node group name prefix. */
  readonly nodeGroupName: string;
  /** Labels the nodes carry (resolved at synth: cost-tag labels follow `CostTags`). */
  readonly labels: Record<string, string>;
  readonly taints: readonly NodeTaint[];
  /** The MIG layout, when given. */
  readonly migLayout?: MigLayout;
  /** The GPU sharing config, when given. */
  readonly sharing?: GpuSharing;

  private readonly ownTags: Record<string, string>;
  private readonly volume: Required<Omit<NodeVolume, 'kmsKeyArn'>> & { kmsKeyArn?: string };

  constructor(scope: Construct, id: string, props: GpuNodeGroupProps) {
    super(scope, id);
    const check = new PropChecker(this.node.path);
    if (props === null || typeof props !== 'object') {
      check.fail('MISSING_PROPS', 'props', props, 'are required', 'a GpuNodeGroupProps object', 'pass clusterName, subnetIds, instanceTypes and scaling');
    }

    check.string('clusterName', props.clusterName, {
      pattern: CLUSTER_NAME,
      allowed: 'an EKS cluster name: 1-100 letters, digits, - and _, starting with a letter or digit',
    });
    const subnets = check.stringList('subnetIds', props.subnetIds, 'subnet IDs (subnet-...)', { pattern: SUBNET_ID, allowed: 'a subnet ID such as subnet-0123abcd' });
    rejectDuplicates(check, 'subnetIds', subnets);
    const kubernetesVersion = props.kubernetesVersion === undefined ? undefined : check.string('kubernetesVersion', props.kubernetesVersion, {
      pattern: /^1\.\d{2,}$/,
      allowed: "a Kubernetes minor version such as 1.35, or the cluster's version attribute",
    });
    // AL2023/AL2 releases are <kubernetes>-<date>, Bottlerocket's <bottlerocket>-<commit>.
    const releaseVersion = props.releaseVersion === undefined ? undefined : check.string('releaseVersion', props.releaseVersion, {
      pattern: /^\d+\.\d+\.\d+-[0-9a-f]{8}$/,
      allowed: 'an EKS AMI release version such as 1.35.6-20260714 (Bottlerocket: 1.20.3-5d9ac849)',
    });

    this.instanceSpecs = resolveInstanceTypes(check, this.node.path, props.instanceTypes);
    this.capacityType = resolveCapacityType(check, props.capacityType);
    this.amiType = resolveAmiType(check, this.node.path, props.amiType, this.instanceSpecs);
    const stackCeiling = maxNodesPerNodeGroup(this);
    const scaling = resolveScaling(check, props.scaling, props.maxNodesCeiling ?? stackCeiling, props.costAssumptions);
    this.scaling = scaling.priced;
    // A ceiling raised on the construct itself is the stated reason for a max above the stack's.
    if (this.scaling.max > stackCeiling) justify(this, 'node-group-max-ceiling', `maxNodesCeiling ${props.maxNodesCeiling} set on the node group`);
    this.ownTags = props.costTags === undefined ? {} : costTagsToAwsTags(props.costTags, check);
    this.nodeGroupName = check.string('nodeGroupName', props.nodeGroupName ?? id, {
      pattern: NODE_GROUP_NAME,
      allowed: '1-36 letters, digits, - and _, starting with a letter or digit',
    });
    this.taints = resolveTaints(check, props.taints);
    this.volume = resolveVolume(check, props.volume);
    const hopLimit = check.integer('imdsHopLimit', props.imdsHopLimit ?? 1, { min: 1, max: 64 });
    if (hopLimit > 1 || props.imdsHopLimitReason !== undefined) {
      const reason = check.string('imdsHopLimitReason', props.imdsHopLimitReason, {
        pattern: /^\s*\S[\s\S]{8,}\S\s*$/,
        allowed: hopLimit > 1 ? 'at least 10 characters saying which pods read IMDS and why' : 'unset while imdsHopLimit is 1',
        fix: hopLimit > 1 ? "say why, e.g. 'legacy agent pods read instance identity from IMDS (SEC-42)', or keep imdsHopLimit at 1" : 'remove imdsHopLimitReason',
      });
      if (hopLimit === 1) check.fail('UNUSED_PROP', 'imdsHopLimitReason', reason, 'applies only with imdsHopLimit above 1', 'unset', 'remove imdsHopLimitReason');
      justify(this, 'imds-hop-limit', reason.trim());
    }
    const maxUnavailable = check.integer('maxUnavailable', props.maxUnavailable ?? 1, { min: 1, max: 100 });
    const hoursPerMonth = check.number('hoursPerMonth', props.hoursPerMonth ?? HOURS_PER_MONTH, { min: 0, max: HOURS_PER_MONTH });
    const userLabels = resolveLabels(check, props.labels);
    NodePartitioning.rejectOwnLabels(check, 'labels', userLabels);
    const partitioning = NodePartitioning.resolve(this, check, props, this.instanceSpecs.map((s) => s.name), 'every-type');
    this.migLayout = partitioning.migLayout;
    this.sharing = partitioning.sharing;
    const efa = props.efa ?? false;
    if (typeof efa !== 'boolean') check.fail('INVALID_BOOLEAN', 'efa', efa, 'must be true or false', 'true or false');
    if (props.nodeRoleArn !== undefined) {
      check.string('nodeRoleArn', props.nodeRoleArn, { pattern: /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, allowed: 'an IAM role ARN' });
    }
    this.warnOnMixedGpus();

    // Labels: what the GPU stack and cost tooling select on. Cost-tag labels are resolved at synth
    // so that CostTags.of(scope) added after this construct still reaches the nodes.
    const gpuNames = [...new Set(this.instanceSpecs.map((s) => s.gpuName))];
    const staticLabels: Record<string, string> = {
      [`${LABEL_PREFIX}/pool`]: this.nodeGroupName,
      ...(gpuNames.length === 1 ? { [`${LABEL_PREFIX}/gpu-name`]: gpuNames[0]! } : {}),
      ...userLabels,
      ...partitioning.labels,
    };
    this.labels = staticLabels;
    const tags = Lazy.anyValue({ produce: () => this.costTags }) as unknown as Record<string, string>;
    const labels = Lazy.anyValue({ produce: () => ({ ...costTagLabels(this.costTags), ...staticLabels }) }) as unknown as Record<string, string>;
    warnOnRewrittenCostTags(this, () => this.costTags);

    let networkInterfaces: LaunchTemplateNetworkInterfaces[] | undefined;
    if (efa) {
      networkInterfaces = this.efaInterfaces(check, props.securityGroupIds, props.clusterName);
      if (subnets.length > 1 && !Token.isUnresolved(subnets[0]!)) {
        Annotations.of(this).addWarning(
          `efa: a cluster placement group lives in one availability zone; ${subnets.length} subnets were given. Give the EFA node group the one subnet of the zone its nodes should run in.`,
        );
      }
      this.placementGroup = new PlacementGroup(this, 'placement', {
        name: `${props.clusterName}-${this.nodeGroupName}-efa`,
        strategy: 'cluster',
        tags,
      });
    } else if (props.securityGroupIds !== undefined) {
      check.fail('UNUSED_PROP', 'securityGroupIds', props.securityGroupIds, 'applies only with efa: true (without EFA, EKS attaches the cluster security group)', 'unset, or efa: true', 'remove securityGroupIds or set efa: true');
    }

    this.launchTemplate = nodeLaunchTemplate(this, 'launch-template', {
      namePrefix: `${this.nodeGroupName}-`,
      description: `GPU nodes of ${this.node.path} (cdktf-gpu-cluster)`,
      hopLimit,
      volume: { deviceName: this.amiType.imageVolumeDevice, ...this.volume },
      networkInterfaces,
      placementGroupName: this.placementGroup?.name,
      tags,
    });

    const role = props.nodeRoleArn === undefined ? GpuNodeRole.forStack(this) : undefined;
    this.nodeGroup = new EksNodeGroup(this, 'node-group', {
      clusterName: props.clusterName,
      nodeGroupNamePrefix: `${this.nodeGroupName}-`,
      nodeRoleArn: props.nodeRoleArn ?? role!.arn,
      subnetIds: subnets,
      instanceTypes: this.instanceSpecs.map((s) => s.name),
      amiType: this.amiType.name,
      ...(kubernetesVersion !== undefined ? { version: kubernetesVersion } : {}),
      ...(releaseVersion !== undefined ? { releaseVersion } : {}),
      capacityType: this.capacityType,
      scalingConfig: { minSize: scaling.written.min, desiredSize: scaling.written.desired, maxSize: scaling.written.max },
      updateConfig: { maxUnavailable },
      nodeRepairConfig: { enabled: props.nodeRepair ?? true },
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      taint: this.taints.map((t) => ({ key: t.key, value: t.value, effect: TAINT_EFFECTS[t.effect] })),
      labels,
      tags,
      dependsOn: role?.attachments,
      // Replace before destroy (the name is a prefix); leave desired size to the autoscaler once created.
      lifecycle: { createBeforeDestroy: true, ignoreChanges: ['scaling_config[0].desired_size'] },
    });

    declareCostProfile(this, (): ComputeCostProfile => ({
      kind: 'eks-node-group',
      constructPath: this.node.path,
      instanceTypes: this.instanceSpecs.map((s) => s.name),
      nodes: { ...this.scaling },
      capacityType: this.capacityType,
      hoursPerMonth,
      storagePerNode: { volumeType: 'gp3', sizeGiB: this.volume.sizeGiB, iops: this.volume.iops, throughputMiBps: this.volume.throughputMiBps },
      tags: this.costTags,
      ...partitioning.cost(),
      ...(scaling.assumptions.length ? { assumptions: scaling.assumptions } : {}),
    }));
  }

  /** The AWS cost tags the group's resources carry: `CostTags.of(...)` of its scopes, then its own `costTags`. */
  get costTags(): Record<string, string> {
    return { ...CostTags.resolve(this), ...this.ownTags };
  }

  /** Total GPUs at each scaling bound (the smallest type's count for min/desired, the largest for max). */
  get gpuCounts(): { min: number; desired: number; max: number } {
    const counts = this.instanceSpecs.map((s) => s.gpuCount);
    const low = Math.min(...counts);
    const high = Math.max(...counts);
    return { min: this.scaling.min * low, desired: this.scaling.desired * low, max: this.scaling.max * high };
  }


  private warnOnMixedGpus(): void {
    const models = new Set(this.instanceSpecs.map((s) => s.gpuModel));
    const counts = new Set(this.instanceSpecs.map((s) => s.gpuCount));
    if (models.size > 1 || counts.size > 1) {
      Annotations.of(this).addWarning(
        `instanceTypes mixes ${models.size > 1 ? `GPU models (${[...models].join(', ')})` : ''}${models.size > 1 && counts.size > 1 ? ' and ' : ''}${counts.size > 1 ? `GPU counts (${[...counts].join(', ')})` : ''}: pods cannot rely on the GPU they land on and the cluster autoscaler sizes the group by the first type. Prefer one node group per GPU shape.`,
      );
    }
  }

  private efaInterfaces(check: PropChecker, securityGroupIds: string[] | undefined, clusterName: string): LaunchTemplateNetworkInterfaces[] {
    const without = this.instanceSpecs.filter((s) => s.efaInterfaces === 0);
    if (without.length) {
      const capable = InstanceCatalog.gpuTypes().filter((s) => s.efaInterfaces > 0).map((s) => s.name);
      check.fail('EFA_NOT_SUPPORTED', 'efa', true, `is on, but ${without.map((s) => s.name).join(', ')} ${without.length > 1 ? 'do' : 'does'} not support EFA`, `instance types with EFA: ${capable.join(', ')}`, 'choose EFA-capable types or set efa: false');
    }
    const counts = this.instanceSpecs.map((s) => s.efaInterfaces);
    const cards = Math.min(...counts);
    if (new Set(counts).size > 1) {
      Annotations.of(this).addWarning(`efa: the instance types support different numbers of EFA interfaces (${counts.join(', ')}); the launch template attaches ${cards}, the fewest.`);
    }
    let groups: string[];
    if (securityGroupIds !== undefined) {
      groups = check.stringList('securityGroupIds', securityGroupIds, 'security group IDs (sg-...)', { pattern: SG_ID, allowed: 'a security group ID such as sg-0123abcd' });
    } else {
      // With interfaces in the launch template EKS no longer attaches the cluster security group itself.
      const cluster = new DataAwsEksCluster(this, 'cluster', { name: clusterName });
      groups = [cluster.vpcConfig.get(0).clusterSecurityGroupId];
    }
    return Array.from({ length: cards }, (_, i) => ({
      networkCardIndex: i,
      deviceIndex: i === 0 ? 0 : 1,
      interfaceType: i === 0 ? 'efa' : 'efa-only',
      deleteOnTermination: 'true',
      securityGroups: groups,
    }));
  }
}

function rejectDuplicates(check: PropChecker, prop: string, values: readonly string[]): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) check.fail('DUPLICATE_VALUE', prop, values, `lists ${JSON.stringify(v)} more than once`, 'each value once', `remove the duplicate ${v}`);
    seen.add(v);
  }
}

function resolveInstanceTypes(check: PropChecker, path: string, given: unknown): GpuInstanceSpec[] {
  const list = check.nonEmptyArray<unknown>('instanceTypes', given, 'GPU instance types (GpuInstanceType.G6E_12XLARGE, ...)');
  const specs = list.map((t, i) => {
    if (GpuInstanceType.isGpuInstanceType(t)) return t.spec;
    const spec = typeof t === 'string' ? InstanceCatalog.gpu(t) : undefined;
    if (!spec) throw unknownType(t, `instanceTypes[${i}]`, path);
    return spec;
  });
  rejectDuplicates(check, 'instanceTypes', specs.map((s) => s.name));
  const arches = new Set(specs.map((s) => s.architecture));
  if (arches.size > 1) {
    check.fail('MIXED_ARCHITECTURES', 'instanceTypes', specs.map((s) => s.name), 'mixes x86_64 and arm64 types; a node group runs one AMI', 'types of one architecture', 'split x86_64 and arm64 types into separate node groups');
  }
  return specs;
}

function resolveCapacityType(check: PropChecker, given: unknown): CapacityType {
  if (given === undefined) return CapacityType.ON_DEMAND;
  return check.oneOf('capacityType', given, [CapacityType.ON_DEMAND, CapacityType.SPOT], 'use CapacityType.ON_DEMAND or CapacityType.SPOT');
}

function resolveAmiType(check: PropChecker, path: string, given: unknown, specs: readonly GpuInstanceSpec[]): AmiType {
  const arch = specs[0]!.architecture;
  if (given === undefined) return AmiType.forArchitecture(arch);
  const ami = given instanceof AmiType ? given : AmiType.of(given as string, 'amiType', path);
  if (ami.architecture !== arch) {
    check.fail('AMI_ARCHITECTURE_MISMATCH', 'amiType', ami.name, `is an ${ami.architecture} AMI but ${specs.map((s) => s.name).join(', ')} ${specs.length > 1 ? 'are' : 'is'} ${arch}`, `an ${arch} AMI type: ${AmiType.forArchitecture(arch).name} or ${AmiType.forArchitecture(arch, 'bottlerocket').name}`, 'leave amiType unset to follow the instance architecture');
  }
  return ami;
}

/**
 * The counts to price and check (`priced`: literals, a token's cost assumption in its place), the
 * counts Terraform gets (`written`: tokens kept) and the assumptions the report states.
 */
function resolveScaling(check: PropChecker, given: unknown, ceilingGiven: unknown, assumed: NodeGroupCostAssumptions | undefined): { priced: NodeGroupScaling; written: NodeGroupScaling; assumptions: string[] } {
  const ceiling = check.integer('maxNodesCeiling', ceilingGiven ?? 450, { min: 1, max: 100_000 });
  if (given === null || typeof given !== 'object') {
    check.fail('INVALID_SCALING', 'scaling', given, 'is required', '{ min, desired, max } with 0 <= min <= desired <= max', 'pass scaling: { min: 0, desired: 1, max: 2 }');
  }
  if (assumed !== undefined && (assumed === null || typeof assumed !== 'object' || (assumed.scaling !== undefined && (assumed.scaling === null || typeof assumed.scaling !== 'object')))) {
    check.fail('INVALID_COST_ASSUMPTIONS', 'costAssumptions', assumed, 'must be an object', '{ scaling?: { min?, desired?, max? } }');
  }
  const s = given as Record<string, unknown>;
  const fix = `counts are whole numbers from 0 to ${ceiling} (maxNodesCeiling)`;
  const assumptions: string[] = [];
  const count = (key: 'min' | 'desired' | 'max', range: { min: number; max: number; fix: string }): number => {
    const value = s[key];
    if (typeof value !== 'number' || !Token.isUnresolved(value)) return check.integer(`scaling.${key}`, value, range);
    const stand = assumed?.scaling?.[key];
    if (stand === undefined) {
      check.fail('TOKEN_NOT_ALLOWED', `scaling.${key}`, value, 'is a token, and the node group is priced and checked at synth, before Terraform knows its value', `a literal count, or a token with costAssumptions: { scaling: { ${key}: <count> } }`, `write the count, or state the figure to price with: costAssumptions: { scaling: { ${key}: 4 } }`);
    }
    const n = check.integer(`costAssumptions.scaling.${key}`, stand, range);
    assumptions.push(`scaling.${key} is a token: priced and checked at ${n} (costAssumptions.scaling.${key})`);
    return n;
  };
  const min = count('min', { min: 0, max: ceiling, fix });
  const desired = count('desired', { min: 0, max: ceiling, fix });
  const max = count('max', { min: 1, max: ceiling, fix: `set scaling.max to at least 1 and at most ${ceiling}` });
  if (min > max) check.fail('INVALID_SCALING', 'scaling.min', min, `is greater than scaling.max (${max})`, 'min <= desired <= max', 'raise scaling.max or lower scaling.min');
  if (desired < min || desired > max) check.fail('INVALID_SCALING', 'scaling.desired', desired, `is outside min..max (${min}..${max})`, 'min <= desired <= max', `set scaling.desired between ${min} and ${max}`);
  const written = { min: s.min as number, desired: s.desired as number, max: s.max as number };
  return { priced: { min, desired, max }, written, assumptions };
}

function resolveLabels(check: PropChecker, given: unknown): Record<string, string> {
  if (given === undefined) return {};
  if (given === null || typeof given !== 'object' || Array.isArray(given)) check.fail('INVALID_LABELS', 'labels', given, 'must be an object', 'a map of label key to value');
  for (const [k, v] of Object.entries(given as Record<string, unknown>)) {
    if (!isLabelKey(k)) check.fail('INVALID_LABELS', 'labels', k, 'has a key that is not a valid Kubernetes label key', '[prefix/]name, name up to 63 letters, digits, - _ .');
    if (typeof v !== 'string' || !isLabelValue(v)) check.fail('INVALID_LABELS', `labels[${JSON.stringify(k)}]`, v, 'is not a valid Kubernetes label value', 'up to 63 letters, digits, - _ ., starting and ending with a letter or digit');
  }
  return given as Record<string, string>;
}

function resolveVolume(check: PropChecker, given: NodeVolume | undefined): Required<Omit<NodeVolume, 'kmsKeyArn'>> & { kmsKeyArn?: string } {
  if (given !== undefined && (given === null || typeof given !== 'object')) check.fail('INVALID_VOLUME', 'volume', given, 'must be an object', '{ sizeGiB?, iops?, throughputMiBps?, kmsKeyArn? }');
  const v = given ?? {};
  const sizeGiB = check.integer('volume.sizeGiB', v.sizeGiB ?? 200, { min: 20, max: 16_384 });
  const iops = check.integer('volume.iops', v.iops ?? 3000, { min: 3000, max: 80_000 });
  const throughputMiBps = check.integer('volume.throughputMiBps', v.throughputMiBps ?? 125, { min: 125, max: 2000 });
  if (iops > sizeGiB * 500) check.fail('INVALID_VOLUME', 'volume.iops', iops, `exceeds gp3's 500 IOPS per GiB for ${sizeGiB} GiB`, `at most ${sizeGiB * 500}`, 'lower iops or raise sizeGiB');
  if (throughputMiBps * 4 > iops) check.fail('INVALID_VOLUME', 'volume.throughputMiBps', throughputMiBps, `exceeds gp3's 0.25 MiB/s per provisioned IOPS (${iops} IOPS)`, `at most ${Math.floor(iops / 4)}`, 'raise iops or lower throughputMiBps');
  if (v.kmsKeyArn !== undefined) check.string('volume.kmsKeyArn', v.kmsKeyArn, { pattern: /^arn:aws[a-z-]*:kms:/, allowed: 'a KMS key ARN' });
  return { sizeGiB, iops, throughputMiBps, kmsKeyArn: v.kmsKeyArn };
}
