import { EksNodeGroup } from '../core/providers.js';
import type { LaunchTemplate } from '../core/providers.js';
import { Construct, Lazy, Token } from '../core/cdktf.js';
import { GpuClusterError } from '../base/errors.js';
import { PropChecker } from '../core/validate.js';
import { CostTags, costTagsToAwsTags } from '../core/cost-tags.js';
import type { CostTagSet } from '../core/cost-tags.js';
import { LABEL_PREFIX } from '../base/labels.js';
import { declareCostProfile } from '../core/cost-registry.js';
import { nodeLaunchTemplate } from '../core/node-launch-template.js';
import { PriceBookSettings } from '../policy/price-settings.js';
import { GpuInstanceType } from '../catalog/gpu-instance-type.js';
import { InstanceCatalog } from '../catalog/instance-catalog.js';
import type { Architecture, SystemInstanceSpec } from '../catalog/instance-spec.js';
import { HOURS_PER_MONTH } from '../cost/cost-profile.js';
import type { ComputeCostProfile } from '../cost/cost-profile.js';
import { costTagLabels, warnOnRewrittenCostTags } from '../compute/node-props.js';
import { GpuNodeRole } from '../compute/node-role.js';
import type { NodeGroupScaling } from '../compute/gpu-node-group.js';

/** The system node group: small on-demand non-GPU nodes for cluster add-ons. */
export interface SystemNodeGroupOptions {
  /**
   * Non-GPU instance types from the catalog (`InstanceCatalog.systemTypes()`), one architecture.
   * @default ['m7i.large'], or ['m6i.large'] in regions whose price data lacks m7i.large
   */
  readonly instanceTypes?: string[];
  /**
   * Node counts. Two nodes keep CoreDNS, the GPU Operator and the Karpenter controller up while
   * one node is replaced; the third is headroom for updates.
   * @default { min: 2, desired: 2, max: 3 }
   */
  readonly scaling?: NodeGroupScaling;
  /**
   * Root volume (encrypted gp3) in GiB: the system images (operator, Karpenter, CoreDNS, CNI).
   * @default 50
   */
  readonly volumeSizeGiB?: number;
}

/** Props of a SystemNodeGroup. */
export interface SystemNodeGroupProps extends SystemNodeGroupOptions {
  /** Name of the EKS cluster the nodes join (a token of the cluster resource, so the group waits for it). */
  readonly clusterName: string;
  /** Private subnets for the nodes. */
  readonly subnetIds: string[];
  /**
   * Kubernetes version of the nodes; pass the cluster's so an upgrade of the control plane rolls the nodes.
   * @default - the cluster's version when the group is created
   */
  readonly kubernetesVersion?: string;
  /**
   * Cost-allocation tags of the group, its launch template, instances, volumes and network interfaces.
   * @default - the tags of `CostTags.of(scope)`
   */
  readonly costTags?: CostTagSet;
}

/** The standard (non-GPU) AL2023 AMI type of an architecture. */
const STANDARD_AMI: Record<Architecture, string> = { x86_64: 'AL2023_x86_64_STANDARD', arm64: 'AL2023_ARM_64_STANDARD' };
/** Preferred default, then the fallback for regions without m7i (af-south-1, me-south-1). */
const DEFAULT_TYPES = ['m7i.large', 'm6i.large'];
const DEFAULT_SCALING: NodeGroupScaling = { min: 2, desired: 2, max: 3 };
const SUBNET_ID = /^subnet-[0-9A-Za-z]+$/;

/**
 * An EKS managed node group of on-demand non-GPU nodes for what every GPU cluster runs besides its
 * GPU workloads (CoreDNS, the GPU Operator, the Karpenter controller): AL2023 standard AMI,
 * IMDSv2 with hop limit 1, encrypted gp3 root volume, the `node-role: system` label, the stack's
 * shared node role, and a cost profile priced like any node group.
 *
 * @example
 * new SystemNodeGroup(stack, 'system', { clusterName: cluster.name, subnetIds: ['subnet-0a1b', 'subnet-0c2d'] });
 */
export class SystemNodeGroup extends Construct {
  readonly nodeGroup: EksNodeGroup;
  readonly launchTemplate: LaunchTemplate;
  /** Catalog specs of the instance types, in the order given. */
  readonly instanceSpecs: readonly SystemInstanceSpec[];
  readonly scaling: NodeGroupScaling;
  /** The EKS `ami_type`. */
  readonly amiType: string;
  readonly volumeSizeGiB: number;
  /** Labels set on the nodes besides the cost-tag labels. */
  readonly labels: Readonly<Record<string, string>>;

  private readonly ownTags: Record<string, string>;

  constructor(scope: Construct, id: string, props: SystemNodeGroupProps) {
    super(scope, id);
    const check = new PropChecker(this.node.path);
    if (props === null || typeof props !== 'object') {
      check.fail('MISSING_PROPS', 'props', props, 'are required', 'a SystemNodeGroupProps object', 'pass clusterName and subnetIds');
    }
    check.string('clusterName', props.clusterName, { pattern: /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/, allowed: 'an EKS cluster name' });
    const subnets = check.stringList('subnetIds', props.subnetIds, 'subnet IDs (subnet-...)', { pattern: SUBNET_ID, allowed: 'a subnet ID such as subnet-0123abcd' });

    this.instanceSpecs = resolveSystemTypes(check, props.instanceTypes ?? defaultTypes(this));
    this.amiType = STANDARD_AMI[this.instanceSpecs[0]!.architecture];
    this.scaling = resolveScaling(check, props.scaling ?? DEFAULT_SCALING);
    this.volumeSizeGiB = check.integer('systemNodes.volumeSizeGiB', props.volumeSizeGiB ?? 50, { min: 20, max: 16_384 });
    this.ownTags = props.costTags === undefined ? {} : costTagsToAwsTags(props.costTags, check);
    this.labels = { [`${LABEL_PREFIX}/node-role`]: 'system' };

    const tags = Lazy.anyValue({ produce: () => this.costTags }) as unknown as Record<string, string>;
    const labels = Lazy.anyValue({ produce: () => ({ ...costTagLabels(this.costTags), ...this.labels }) }) as unknown as Record<string, string>;
    warnOnRewrittenCostTags(this, () => this.costTags);
    const volume = { deviceName: '/dev/xvda', sizeGiB: this.volumeSizeGiB, iops: 3000, throughputMiBps: 125 };

    this.launchTemplate = nodeLaunchTemplate(this, 'launch-template', {
      namePrefix: 'system-',
      description: `System nodes of ${this.node.path} (cdktf-gpu-cluster)`,
      hopLimit: 1,
      volume,
      tags,
    });

    const role = GpuNodeRole.forStack(this);
    this.nodeGroup = new EksNodeGroup(this, 'node-group', {
      clusterName: props.clusterName,
      nodeGroupNamePrefix: 'system-',
      nodeRoleArn: role.arn,
      version: props.kubernetesVersion,
      subnetIds: subnets,
      instanceTypes: this.instanceSpecs.map((s) => s.name),
      amiType: this.amiType,
      capacityType: 'ON_DEMAND',
      scalingConfig: { minSize: this.scaling.min, desiredSize: this.scaling.desired, maxSize: this.scaling.max },
      updateConfig: { maxUnavailable: 1 },
      nodeRepairConfig: { enabled: true },
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      labels,
      tags,
      dependsOn: role.attachments,
      lifecycle: { createBeforeDestroy: true, ignoreChanges: ['scaling_config[0].desired_size'] },
    });

    declareCostProfile(this, (): ComputeCostProfile => ({
      kind: 'eks-node-group',
      constructPath: this.node.path,
      instanceTypes: this.instanceSpecs.map((s) => s.name),
      nodes: { ...this.scaling },
      capacityType: 'ON_DEMAND',
      hoursPerMonth: HOURS_PER_MONTH,
      storagePerNode: { volumeType: 'gp3', sizeGiB: volume.sizeGiB, iops: volume.iops, throughputMiBps: volume.throughputMiBps },
      tags: this.costTags,
    }));
  }

  /** The AWS cost tags of the group: `CostTags.of(...)` of its scopes, then its own `costTags`. */
  get costTags(): Record<string, string> {
    return { ...CostTags.resolve(this), ...this.ownTags };
  }
}

/** m7i.large where the stack's region prices it, else m6i.large (priced in every bundled region). */
function defaultTypes(scope: Construct): string[] {
  try {
    const book = PriceBookSettings.of(scope).priceBook(scope);
    return [DEFAULT_TYPES.find((t) => book.hasOnDemand(t)) ?? DEFAULT_TYPES[0]!];
  } catch (e) {
    // No pricing region yet: the cost gate reports that at synth; the nodes need a type now.
    if (e instanceof GpuClusterError) return [DEFAULT_TYPES[0]!];
    throw e;
  }
}

function resolveSystemTypes(check: PropChecker, given: unknown): SystemInstanceSpec[] {
  const list = check.nonEmptyArray<unknown>('systemNodes.instanceTypes', given, 'non-GPU instance types such as m7i.large');
  const allowed = InstanceCatalog.systemTypes().map((s) => s.name).join(', ');
  const specs = list.map((t, i) => {
    const prop = `systemNodes.instanceTypes[${i}]`;
    const name = GpuInstanceType.isGpuInstanceType(t) ? t.name : t;
    if (typeof name === 'string' && InstanceCatalog.gpu(name)) {
      check.fail('GPU_TYPE_AS_SYSTEM_TYPE', prop, name, 'is a GPU instance type; system nodes run CPU-only add-ons and a GPU here costs GPU prices for nothing', allowed, 'pick a non-GPU type such as m7i.large, and put GPU types in a GpuNodeGroup or GpuNodePool');
    }
    const spec = typeof name === 'string' ? InstanceCatalog.system(name) : undefined;
    if (!spec) check.fail('UNKNOWN_SYSTEM_TYPE', prop, t, 'is not a non-GPU instance type the catalog prices', allowed, 'pick one of the allowed types');
    return spec!;
  });
  const names = specs.map((s) => s.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) check.fail('DUPLICATE_VALUE', 'systemNodes.instanceTypes', names, `lists ${dup} more than once`, 'each type once', `remove the duplicate ${dup}`);
  if (new Set(specs.map((s) => s.architecture)).size > 1) {
    check.fail('MIXED_ARCHITECTURES', 'systemNodes.instanceTypes', names, 'mixes x86_64 and arm64 types; a node group runs one AMI', 'types of one architecture', 'keep x86_64 or arm64 types only');
  }
  return specs;
}

function resolveScaling(check: PropChecker, given: unknown): NodeGroupScaling {
  if (given === null || typeof given !== 'object') {
    check.fail('INVALID_SCALING', 'systemNodes.scaling', given, 'must be an object', '{ min, desired, max } with 1 <= min <= desired <= max', 'pass scaling: { min: 2, desired: 2, max: 3 }');
  }
  const s = given as Record<string, unknown>;
  // At least one node: CoreDNS and the controllers must run somewhere.
  const min = check.integer('systemNodes.scaling.min', s.min, { min: 1, max: 100 });
  const desired = check.integer('systemNodes.scaling.desired', s.desired, { min: 1, max: 100 });
  const max = check.integer('systemNodes.scaling.max', s.max, { min: 1, max: 100 });
  if (min > max) check.fail('INVALID_SCALING', 'systemNodes.scaling.min', min, `is greater than systemNodes.scaling.max (${max})`, 'min <= desired <= max', 'raise max or lower min');
  if (desired < min || desired > max) check.fail('INVALID_SCALING', 'systemNodes.scaling.desired', desired, `is outside min..max (${min}..${max})`, 'min <= desired <= max', `set desired between ${min} and ${max}`);
  return { min, desired, max };
}
