import { Annotations, Construct, Token } from '../core/cdktf.js';
import { PropChecker } from '../core/validate.js';
import { costTagLabels, resolveTaints, rewrittenCostTags, warnOnRewrittenCostTags } from '../compute/node-props.js';
import type { GpuNodeTaint } from '../compute/node-props.js';
import { CostTags, costTagsToAwsTags } from '../core/cost-tags.js';
import type { CostTagSet } from '../core/cost-tags.js';
import { LABEL_PREFIX, isLabelKey, isLabelValue } from '../base/labels.js';
import { declareCostProfile } from '../core/cost-registry.js';
import type { KubernetesObject, ObjectProblem } from '../core/kubernetes-object.js';
import type { Architecture, GpuInstanceSpec } from '../catalog/instance-spec.js';
import { HOURS_PER_MONTH } from '../cost/cost-profile.js';
import type { NodePoolCostProfile } from '../cost/cost-profile.js';
import { CapacityType, karpenterCapacityType } from '../compute/capacity-type.js';
import type { Karpenter } from './karpenter.js';
import { selectInstanceTypes } from './instance-selection.js';
import type { InstanceSelection } from './instance-selection.js';
import { validateEc2NodeClassSchema, validateNodePoolSchema } from './crd-schemas.js';
import { RESTRICTED_TAG_KEYS_ALLOWED, restrictedTagKeyProblem } from './restricted-keys.js';
import { cronProblem, isBudgetDuration, parseDuration } from './schedule.js';
import type { GpuInstanceType } from '../catalog/gpu-instance-type.js';
import { InstanceCatalog } from '../catalog/instance-catalog.js';
import type { MigLayout } from '../catalog/mig-layout.js';
import type { GpuSharing } from '../catalog/gpu-sharing.js';
import { fitLabelValue } from '../base/label-value-fit.js';
import { NodePartitioning } from '../compute/node-partitioning.js';
import type { AdvertisedCapacity } from '../compute/node-partitioning.js';
import { NodeOverlay } from './node-overlay.js';
import { checkRequirement, checkRequirements } from './requirements.js';
import { checkAl2023Release, newestKnownAl2023Release } from './ami-releases.js';
import { poolLimits } from './pool-limits.js';
import type { PoolLimits } from './pool-limits.js';
import type { NodeRequirement } from './pool-types.js';

export type { NodeRequirement } from './pool-types.js';

/** A Kubernetes taint. */
export type PoolTaint = GpuNodeTaint;

/** When Karpenter may disrupt how many nodes (v1 `disruption.budgets`). */
export interface DisruptionBudget {
  /** Nodes that may be disrupted at once: a count or a percentage (`'0'`, `'10%'`). */
  readonly nodes: string | number;
  /**
   * Cron schedule (UTC, five fields or macros such as `@daily`) at which the budget starts; needs `duration`.
   * @default - always active
   */
  readonly schedule?: string;
  /**
   * How long the budget stays active after each schedule hit (hours and minutes: `8h`, `1h30m`).
   * @default - always active
   */
  readonly duration?: string;
  /**
   * Disruption reasons the budget applies to.
   * @default - all reasons
   */
  readonly reasons?: Array<'Underutilized' | 'Empty' | 'Drifted'>;
}

/** Consolidation and disruption of a pool. */
export interface PoolDisruption {
  /**
   * How long a node must be empty (or underutilized) before Karpenter removes it: `30s`, `5m`,
   * `1h`, or `Never`. Required: for GPU nodes this is the idle cost one pays to avoid re-launching.
   */
  readonly consolidateAfter: string;
  /**
   * `WhenEmpty` removes only nodes without workload pods (training jobs are never moved);
   * `WhenEmptyOrUnderutilized` and `Balanced` also repack running pods onto fewer or cheaper nodes.
   * @default 'WhenEmpty'
   */
  readonly consolidationPolicy?: 'WhenEmpty' | 'WhenEmptyOrUnderutilized' | 'Balanced';
  /**
   * Disruption budgets, e.g. `{ nodes: '0', schedule: '0 8 * * mon-fri', duration: '10h' }` for
   * no voluntary disruption during working hours.
   * @default - Karpenter's default, 10% of nodes at a time
   */
  readonly budgets?: DisruptionBudget[];
}

/** The image volume of the pool's nodes. */
export interface PoolVolume {
  /**
   * Size in GiB: ML images (CUDA, PyTorch) run to tens of GiB and a node caches several.
   * @default 200
   */
  readonly sizeGiB?: number;
  /** @default 3000 */
  readonly iops?: number;
  /** @default 125 */
  readonly throughputMiBps?: number;
  /**
   * KMS key (ID or ARN) for volume encryption.
   * @default - the account's default EBS key
   */
  readonly kmsKeyId?: string;
}

/** Props of a GpuNodePool. */
export interface GpuNodePoolProps extends InstanceSelection {
  /** The Karpenter controller whose manifest bundle receives the NodePool and EC2NodeClass. */
  readonly karpenter: Karpenter;
  /**
   * Most GPUs the pool may hold (`limits: { nvidia.com/gpu }`). Required: an unbounded GPU pool
   * has no worst-case cost. Karpenter skips instance types that would take the pool past it.
   */
  readonly gpuLimit: number;
  /** Consolidation policy, consolidateAfter (required) and budgets. */
  readonly disruption: PoolDisruption;
  /**
   * AMI alias pinned to a release: `al2023@v20260714` or `bottlerocket@v1.46.0`. `@latest` is
   * allowed with a warning: nodes then change AMI whenever AWS publishes one (drift replaces them).
   */
  readonly amiAlias: string;
  /**
   * The cluster's Kubernetes minor version (e.g. `1.35`), to check that the AMI release of
   * `amiAlias` ships NVIDIA images for it. GpuCluster passes it for the clusters it creates.
   * @default - unknown: the release is checked for existence and NVIDIA images only
   */
  readonly kubernetesVersion?: string;
  /** Instance types by name (`GpuInstanceType` or API names); ANDed with the other filters. */
  readonly instanceTypes?: Array<GpuInstanceType | string>;
  /** Karpenter GPU names (`h100`, `l40s`, ...). */
  readonly gpuNames?: string[];
  /** GPU instance families (`p5`, `g6e`, ...). */
  readonly families?: string[];
  /** GPUs per instance to allow. */
  readonly gpuCounts?: number[];
  /**
   * Capacity types. Spot first with on-demand fallback in ONE pool: Karpenter launches spot when
   * both are allowed and spot capacity exists, falls back to on-demand otherwise, and one pool
   * keeps one GPU limit over both, which is what bounds the worst-case cost. (Weighted spot and
   * on-demand pools would each need a limit and double the bound.)
   * @default [CapacityType.SPOT, CapacityType.ON_DEMAND], or [CapacityType.ON_DEMAND] when `interruptible` is false
   */
  readonly capacityTypes?: CapacityType[];
  /**
   * Whether the workloads tolerate losing a node with two minutes' notice. A non-interruptible
   * pool may not be spot-only.
   * @default true
   */
  readonly interruptible?: boolean;
  /**
   * Name of the NodePool and its EC2NodeClass.
   * @default - the construct id, lower-cased
   */
  readonly name?: string;
  /**
   * Taints; the default keeps pods that do not ask for a GPU off GPU nodes.
   * @default [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }]
   */
  readonly taints?: PoolTaint[];
  /**
   * Extra node labels (added to the pool, GPU and cost-tag labels the pool sets itself).
   * @default {}
   */
  readonly labels?: Record<string, string>;
  /**
   * Further requirements (ANDed with the ones built from the catalog).
   * @default []
   */
  readonly requirements?: NodeRequirement[];
  /**
   * The image volume (gp3, always encrypted).
   * @default { sizeGiB: 200, iops: 3000, throughputMiBps: 125 }
   */
  readonly volume?: PoolVolume;
  /**
   * How long a node lives before Karpenter replaces it (`720h`, or `Never`).
   * @default '720h'
   */
  readonly expireAfter?: string;
  /**
   * Value of the `karpenter.sh/discovery` tag on the subnets and security groups nodes use.
   * @default - the cluster name
   */
  readonly discoveryTagValue?: string;
  /**
   * NodePool weight (higher is tried first when several pools fit a pod).
   * @default - no weight
   */
  readonly weight?: number;
  /**
   * Cost-allocation tags, written to the EC2NodeClass `tags` (instances, volumes, network interfaces, launch templates).
   * @default - the tags of `CostTags.of(scope)`
   */
  readonly costTags?: CostTagSet;
  /**
   * Average GPUs in use, for the expected cost.
   * @default - half the GPU limit, flagged as an assumption in the cost report
   */
  readonly expectedGpusInUse?: number;
  /**
   * Share (0-1) of the expected GPU-hours that run on spot.
   * @default 0.7 when both capacity types are allowed, 1 for spot only, 0 for on-demand only
   */
  readonly spotShare?: number;
  /**
   * Nodes a rapid scale-out may launch past the GPU limit (Karpenter's docs warn limits can be
   * overrun while launches are in flight); the worst case adds them at on-demand.
   * @default 0
   */
  readonly limitOverrunNodes?: number;
  /**
   * Hours per month the expected GPUs run.
   * @default 730
   */
  readonly hoursPerMonth?: number;
  /**
   * MIG layout for every GPU of the pool's nodes. It narrows the pool to the instance types whose
   * GPU offers its profiles and places it (with a warning naming the types dropped; an error only
   * when none remain). The nodes get the `nvidia.com/mig.config=<layout name>` label; the cost
   * report shows cost per slice-hour.
   * @default - no MIG
   */
  readonly migLayout?: MigLayout;
  /**
   * GPU sharing, `GpuSharing.timeSlicing({ replicas: 4, renameByDefault: true })` or
   * `GpuSharing.mps({ replicas: 4 })`. The nodes get the `nvidia.com/device-plugin.config=<config name>`
   * label; the cost report shows cost per shared replica-hour.
   * @default - no sharing
   */
  readonly sharing?: GpuSharing;
  /**
   * Add NodeOverlays advertising the extended resources the nodes will have and EC2 does not
   * report: renamed shared GPUs (`nvidia.com/gpu.shared`) and MIG resources under the mixed
   * strategy. Without them Karpenter's scheduling simulation finds no instance type offering what
   * the pods request, and never launches a node for them. The overlays turn on Karpenter's
   * NodeOverlay feature gate (alpha); set false to write your own from `advertisedCapacity`.
   * @default true (an overlay is added only where such resources exist)
   */
  readonly capacityOverlay?: boolean;
}

const OBJECT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const AMI_ALIAS = /^(al2023|bottlerocket)@(latest|v\d{8}|v\d+\.\d+\.\d+)$/;
const RESTRICTED_LABEL_DOMAINS = ['karpenter.sh', 'karpenter.k8s.aws', 'kubernetes.io', 'k8s.io'];
const CONSOLIDATION_POLICIES = ['WhenEmpty', 'WhenEmptyOrUnderutilized', 'Balanced'] as const;
const DEFAULT_SPOT_SHARE = 0.7;

/**
 * A Karpenter v1 NodePool and its EC2NodeClass for GPU nodes, added to the controller's manifest
 * bundle and validated at synth against the v1.14.1 CRDs plus the CEL rules a schema cannot check.
 * Requirements come from the catalog; `limits` bounds the pool's GPUs; spot first with on-demand
 * fallback in one pool. It declares a NodePoolCostProfile: worst case is the GPU limit filled with
 * the most expensive allowed type at on-demand, expected is `expectedGpusInUse` at the spot share.
 *
 * @example
 * new GpuNodePool(addons, 'l40s', {
 *   karpenter,
 *   gpuNames: ['l40s'],
 *   gpuLimit: 32,
 *   amiAlias: 'al2023@v20260714',
 *   disruption: { consolidateAfter: '10m' },
 *   costTags: { team: 'search', costCenter: 'cc-1234', environment: 'prod' },
 * });
 */
export class GpuNodePool extends Construct {
  readonly karpenter: Karpenter;
  /** Name of the NodePool and the EC2NodeClass. */
  readonly poolName: string;
  readonly instanceSpecs: readonly GpuInstanceSpec[];
  readonly capacityTypes: readonly CapacityType[];
  readonly gpuLimit: number;
  readonly amiAlias: string;
  /** The NodePool limits: `nvidia.com/gpu`, and `cpu` where the nodes do not report their physical GPUs. */
  readonly limits: PoolLimits;
  /** The MIG layout, when given. */
  readonly migLayout?: MigLayout;
  /** The GPU sharing config, when given. */
  readonly sharing?: GpuSharing;
  /** Extended resources the nodes advertise beyond what EC2 reports, per group of instance types. */
  readonly advertisedCapacity: readonly AdvertisedCapacity[];
  /** The NodeOverlays advertising them (empty with `capacityOverlay: false`). */
  readonly capacityOverlays: readonly NodeOverlay[];
  private readonly extraRequirements: NodeRequirement[] = [];
  private readonly extraLabels: Record<string, string> = {};
  private readonly ownTags: Record<string, string>;
  private readonly check: PropChecker;

  constructor(scope: Construct, id: string, props: GpuNodePoolProps) {
    super(scope, id);
    const check = (this.check = new PropChecker(this.node.path));
    if (props === null || typeof props !== 'object') check.fail('MISSING_PROPS', 'props', props, 'are required', 'a GpuNodePoolProps object', 'pass karpenter, an instance selection, gpuLimit, amiAlias and disruption');
    if (props.karpenter === undefined || props.karpenter === null || typeof props.karpenter.enableNodeOverlay !== 'function') {
      check.fail('MISSING_KARPENTER', 'karpenter', props.karpenter, 'is required', 'a Karpenter construct', 'create a Karpenter construct for the cluster and pass it');
    }
    this.karpenter = props.karpenter;
    this.poolName = check.string('name', props.name ?? id.toLowerCase(), { pattern: OBJECT_NAME, allowed: 'a Kubernetes object name: lower-case letters, digits and -, at most 63' });
    if (this.poolName.length > 63) check.fail('INVALID_STRING', 'name', this.poolName, 'is longer than 63 characters', 'at most 63 characters');

    const selected = selectInstanceTypes(this, check, props);
    const partitioning = NodePartitioning.resolve(this, check, props, selected.map((s) => s.name), 'narrow');
    this.instanceSpecs = selected.filter((s) => partitioning.instanceTypes.includes(s.name));
    this.migLayout = partitioning.migLayout;
    this.sharing = partitioning.sharing;
    const interruptible = props.interruptible ?? true;
    if (typeof interruptible !== 'boolean') check.fail('INVALID_BOOLEAN', 'interruptible', interruptible, 'must be true or false', 'true or false');
    this.capacityTypes = resolveCapacityTypes(check, props.capacityTypes, interruptible);
    this.gpuLimit = resolveGpuLimit(check, props.gpuLimit, this.instanceSpecs);
    const kubernetesVersion = props.kubernetesVersion === undefined ? undefined : check.string('kubernetesVersion', props.kubernetesVersion, { pattern: /^1\.\d{2,}$/, allowed: 'a Kubernetes minor version such as 1.35' });
    this.amiAlias = resolveAmiAlias(this, check, props.amiAlias, [...new Set(this.instanceSpecs.map((s) => s.architecture))].sort(), kubernetesVersion);
    const disruption = resolveDisruption(check, props.disruption);
    const expireAfter = props.expireAfter ?? '720h';
    if (expireAfter !== 'Never' && !(parseDuration(expireAfter)! > 0)) {
      check.fail('INVALID_DURATION', 'expireAfter', expireAfter, 'is not a duration', 'a positive duration of h, m and s parts (720h, 168h) or Never', "set expireAfter: '720h'");
    }
    const taints = resolveTaints(check, props.taints);
    const userLabels = resolveLabels(check, 'labels', props.labels);
    NodePartitioning.rejectOwnLabels(check, 'labels', userLabels);
    const capacityOverlay = props.capacityOverlay ?? true;
    if (typeof capacityOverlay !== 'boolean') check.fail('INVALID_BOOLEAN', 'capacityOverlay', capacityOverlay, 'must be true or false', 'true or false');
    const requirements = checkRequirements(check, 'requirements', props.requirements);
    const volume = resolveVolume(check, props.volume);
    const weight = props.weight === undefined ? undefined : check.integer('weight', props.weight, { min: 1, max: 100 });
    const discovery = check.string('discoveryTagValue', props.discoveryTagValue ?? this.karpenter.clusterName, { allowed: 'the karpenter.sh/discovery tag value of the subnets and security groups' });
    this.ownTags = props.costTags === undefined ? {} : costTagsToAwsTags(props.costTags, check);
    for (const key of Object.keys(this.ownTags)) {
      const problem = restrictedTagKeyProblem(key);
      if (problem) check.fail('RESTRICTED_TAG_KEY', `costTags[${JSON.stringify(key)}]`, key, problem, RESTRICTED_TAG_KEYS_ALLOWED, 'rename the tag');
    }

    const hoursPerMonth = check.number('hoursPerMonth', props.hoursPerMonth ?? HOURS_PER_MONTH, { min: 0, max: HOURS_PER_MONTH });
    const expectedGpusAssumed = props.expectedGpusInUse === undefined;
    const expectedGpusInUse = check.number('expectedGpusInUse', props.expectedGpusInUse ?? this.gpuLimit / 2, { min: 0, max: this.gpuLimit, fix: `set expectedGpusInUse between 0 and the gpuLimit (${this.gpuLimit})` });
    const spotShare = resolveSpotShare(check, props.spotShare, this.capacityTypes);
    const limitOverrunNodes = check.integer('limitOverrunNodes', props.limitOverrunNodes ?? 0, { min: 0, max: 1000 });
    this.limits = poolLimits(this.instanceSpecs, this.gpuLimit, (t) => partitioning.reportedGpusPerNode(t));
    if (this.limits.shortfall.length) {
      Annotations.of(this).addWarning(
        `the pool's nodes do not report their physical GPUs (partitioned), so a cpu limit of ${this.limits.cpu} vCPUs bounds it at ${this.gpuLimit} GPUs using the lowest vCPUs per GPU of its types; ${this.limits.shortfall.map((s) => `${s.type} fills only ${s.gpus}`).join(', ')}. Narrow the pool to types with the same vCPUs per GPU to reach the limit with any of them`,
      );
    }

    const arches = [...new Set(this.instanceSpecs.map((s) => s.architecture))].sort();
    const staticLabels: Record<string, string> = { [`${LABEL_PREFIX}/pool`]: this.poolName, ...userLabels, ...partitioning.labels };
    const gpuNames = [...new Set(this.instanceSpecs.map((s) => s.gpuName))];
    if (gpuNames.length === 1) staticLabels[`${LABEL_PREFIX}/gpu-name`] = gpuNames[0]!;

    warnOnRewrittenCostTags(this, () => this.costTags);
    const nodePool = (): KubernetesObject => ({
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: this.poolName },
      spec: {
        template: {
          metadata: {
            labels: { ...costTagLabels(this.costTags), ...staticLabels, ...this.extraLabels },
            // Where a cost tag's label is a rewritten form, the node keeps the tag itself as an annotation.
            ...originalTagAnnotations(this.costTags),
          },
          spec: {
            nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: this.poolName },
            requirements: ([
              { key: 'node.kubernetes.io/instance-type', operator: 'In', values: this.instanceSpecs.map((s) => s.name) },
              { key: 'karpenter.k8s.aws/instance-gpu-name', operator: 'In', values: gpuNames },
              { key: 'kubernetes.io/arch', operator: 'In', values: arches.map((a) => (a === 'x86_64' ? 'amd64' : 'arm64')) },
              { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
              { key: 'karpenter.sh/capacity-type', operator: 'In', values: this.capacityTypes.map(karpenterCapacityType) },
              ...requirements,
              ...this.extraRequirements,
            ] as NodeRequirement[]).map(cleanRequirement),
            ...(taints.length ? { taints: taints.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect })) } : {}),
            expireAfter,
          },
        },
        limits: this.limits.limits,
        disruption,
        ...(weight !== undefined ? { weight } : {}),
      },
    });

    const ec2NodeClass = (): KubernetesObject => ({
      apiVersion: 'karpenter.k8s.aws/v1',
      kind: 'EC2NodeClass',
      metadata: { name: this.poolName },
      spec: {
        amiSelectorTerms: [{ alias: this.amiAlias }],
        role: this.karpenter.nodeRoleName,
        subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': discovery } }],
        securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': discovery } }],
        blockDeviceMappings: blockDevices(this.amiAlias, volume),
        metadataOptions: { httpEndpoint: 'enabled', httpProtocolIPv6: 'disabled', httpPutResponseHopLimit: 1, httpTokens: 'required' },
        tags: this.costTags,
      },
    });

    const bundle = this.karpenter.manifests;
    bundle.add(nodePool, { owner: this, validate: [validateNodePoolSchema, nodePoolRules] });
    bundle.add(ec2NodeClass, { owner: this, validate: [validateEc2NodeClassSchema, ec2NodeClassRules] });

    declareCostProfile(this, (): NodePoolCostProfile => ({
      kind: 'karpenter-node-pool',
      constructPath: this.node.path,
      tags: this.costTags,
      instanceTypes: this.instanceSpecs.map((s) => s.name),
      gpuLimit: this.gpuLimit,
      ...(this.limits.cpu !== undefined ? { cpuLimit: this.limits.cpu } : {}),
      expectedGpusInUse,
      expectedGpusAssumed,
      capacityTypes: [...this.capacityTypes],
      spotShare,
      limitOverrunNodes,
      hoursPerMonth,
      storagePerNode: { volumeType: 'gp3', sizeGiB: volume.sizeGiB, iops: volume.iops, throughputMiBps: volume.throughputMiBps },
      ...partitioning.cost(),
    }));

    this.advertisedCapacity = partitioning.advertisedCapacity();
    this.capacityOverlays = capacityOverlay ? this.addCapacityOverlays() : [];
    this.warnOnUncountedGpus();
  }

  /** The AWS cost tags the pool's instances carry: `CostTags.of(...)` of its scopes, then its own `costTags`. */
  get costTags(): Record<string, string> {
    return { ...CostTags.resolve(this), ...this.ownTags };
  }

  /** Adds a requirement to the NodePool (e.g. a MIG layout narrowing the GPU models). */
  addRequirement(requirement: NodeRequirement): this {
    this.extraRequirements.push(checkRequirement(this.check, `addRequirement(${JSON.stringify(requirement?.key)})`, requirement));
    return this;
  }

  /** Adds node labels (not the MIG or sharing config labels: pass migLayout and sharing instead). */
  addLabels(labels: Record<string, string>): this {
    const resolved = resolveLabels(this.check, 'addLabels', labels);
    NodePartitioning.rejectOwnLabels(this.check, 'addLabels', resolved);
    Object.assign(this.extraLabels, resolved);
    return this;
  }

  /** One NodeOverlay per group of instance types with the same extra capacity, scoped to this pool. */
  private addCapacityOverlays(): NodeOverlay[] {
    const many = this.advertisedCapacity.length > 1;
    return this.advertisedCapacity.map(
      (group, i) =>
        new NodeOverlay(this, many ? `capacity-${i + 1}` : 'capacity', {
          karpenter: this.karpenter,
          nodePool: this,
          name: fitLabelValue(`${this.poolName}-capacity${many ? `-${i + 1}` : ''}`),
          requirements: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: [...group.instanceTypes] }],
          capacity: { ...group.capacity },
        }),
    );
  }

  /**
   * Where the nodes advertise more nvidia.com/gpu than EC2 reports (time-slicing without rename,
   * MIG under the single strategy), Karpenter plans with EC2's count: it launches more nodes than
   * the pods need until consolidation removes them. An overlay cannot change nvidia.com/gpu.
   */
  private warnOnUncountedGpus(): void {
    if (!this.migLayout && !this.sharing) return;
    const type = this.instanceSpecs[0]!.name;
    const advertised = this.sharing
      ? this.sharing.advertisedResourcesPerNode(type, { migLayout: this.migLayout })['nvidia.com/gpu']
      : this.migLayout!.advertisedResourcesPerNode(type)['nvidia.com/gpu'];
    const ec2 = InstanceCatalog.gpu(type)!.gpuCount;
    if (advertised === undefined || advertised <= ec2) return;
    Annotations.of(this).addWarning(
      `a ${type} node advertises ${advertised} nvidia.com/gpu (${this.migLayout ? `MIG layout ${this.migLayout.name}` : ''}${this.migLayout && this.sharing ? ', ' : ''}${this.sharing ? `sharing ${this.sharing.name}` : ''}), but Karpenter plans with the ${ec2} EC2 reports and so launches more nodes than the pods need until consolidation removes them. ` +
        `A NodeOverlay cannot change nvidia.com/gpu: use GpuSharing.timeSlicing({ ..., renameByDefault: true }) or a mixed MIG layout so pods request a resource an overlay can advertise.`,
    );
  }

}

function cleanRequirement(r: NodeRequirement): NodeRequirement {
  return { key: r.key, operator: r.operator, ...(r.values !== undefined ? { values: [...r.values] } : {}), ...(r.minValues !== undefined ? { minValues: r.minValues } : {}) };
}

function resolveCapacityTypes(check: PropChecker, given: unknown, interruptible: boolean): CapacityType[] {
  if (given === undefined) return interruptible ? [CapacityType.SPOT, CapacityType.ON_DEMAND] : [CapacityType.ON_DEMAND];
  const list = check.nonEmptyArray<unknown>('capacityTypes', given, 'capacity types (CapacityType.SPOT, CapacityType.ON_DEMAND)');
  const types = list.map((t, i) => check.oneOf(`capacityTypes[${i}]`, t, [CapacityType.SPOT, CapacityType.ON_DEMAND], 'use CapacityType.SPOT or CapacityType.ON_DEMAND'));
  if (new Set(types).size !== types.length) check.fail('DUPLICATE_VALUE', 'capacityTypes', types, 'lists a capacity type more than once', 'each type once');
  if (!interruptible && !types.includes(CapacityType.ON_DEMAND)) {
    check.fail('SPOT_ONLY_NOT_INTERRUPTIBLE', 'capacityTypes', types, 'is spot-only for a workload marked non-interruptible (interruptible: false); spot nodes can be reclaimed with two minutes notice', '[CapacityType.ON_DEMAND], or spot with on-demand for interruptible workloads', 'add CapacityType.ON_DEMAND, or set interruptible: true if the workload checkpoints');
  }
  // Spot first: Karpenter prefers spot when both are allowed; keep the order readable.
  return [CapacityType.SPOT, CapacityType.ON_DEMAND].filter((t) => types.includes(t));
}

function resolveGpuLimit(check: PropChecker, given: unknown, specs: readonly GpuInstanceSpec[]): number {
  if (given === undefined || given === null) {
    check.fail('MISSING_GPU_LIMIT', 'gpuLimit', given, 'is required: an unbounded GPU pool has no worst-case cost', 'a whole number of GPUs, at least the GPU count of the largest allowed instance type', 'set gpuLimit (e.g. 16) so the pool cannot grow past it');
  }
  const limit = check.integer('gpuLimit', given, { min: 1, max: 100_000 });
  const tooBig = specs.filter((s) => s.gpuCount > limit);
  if (tooBig.length) {
    check.fail('GPU_LIMIT_BELOW_INSTANCE', 'gpuLimit', limit, `is smaller than the GPUs of one ${tooBig.map((s) => `${s.name} (${s.gpuCount})`).join(', ')}; Karpenter could never launch ${tooBig.length > 1 ? 'them' : 'it'}`, `at least ${Math.max(...specs.map((s) => s.gpuCount))}`, 'raise gpuLimit or narrow the instance selection (gpuCounts, instanceTypes)');
  }
  return limit;
}

function resolveAmiAlias(scope: Construct, check: PropChecker, given: unknown, architectures: Architecture[], kubernetesVersion: string | undefined): string {
  if (typeof given !== 'string' || !AMI_ALIAS.test(given)) {
    const family = typeof given === 'string' ? given.split('@')[0] : undefined;
    const problem = family === 'al2' ? 'uses Amazon Linux 2, which is end of life and gets no new NVIDIA drivers' : family?.startsWith('windows') ? 'is a Windows AMI; GPU nodes here run AL2023 or Bottlerocket' : 'is not an AMI alias pinned to a version';
    check.fail('INVALID_AMI_ALIAS', 'amiAlias', given, problem, `al2023@vYYYYMMDD (e.g. al2023@${newestKnownAl2023Release()}), bottlerocket@vX.Y.Z, or <family>@latest`, 'pin the EKS-optimized AMI release you have tested');
  }
  if (given.endsWith('@latest')) {
    Annotations.of(scope).addWarning(`amiAlias ${given} follows every new AMI release: Karpenter sees drift and replaces GPU nodes whenever AWS publishes one. Pin a version (e.g. al2023@${newestKnownAl2023Release()}) for predictable rollouts.`);
  } else if (given.startsWith('al2023@') && !Token.isUnresolved(kubernetesVersion)) {
    const verdict = checkAl2023Release(given.slice('al2023@'.length), architectures, kubernetesVersion);
    if (verdict.error) check.fail(verdict.error.code, 'amiAlias', given, verdict.error.problem, verdict.error.allowed, verdict.error.fix);
    if (verdict.warning) Annotations.of(scope).addWarning(verdict.warning);
  }
  return given;
}

function resolveDisruption(check: PropChecker, given: unknown): Record<string, unknown> {
  if (given === null || typeof given !== 'object') {
    check.fail('MISSING_DISRUPTION', 'disruption', given, 'is required', "{ consolidateAfter, consolidationPolicy?, budgets? }", "pass disruption: { consolidateAfter: '10m' }");
  }
  const d = given as PoolDisruption;
  const after = d.consolidateAfter;
  if (after === undefined) {
    check.fail('MISSING_CONSOLIDATE_AFTER', 'disruption.consolidateAfter', after, 'is required (the karpenter.sh/v1 CRD requires it): it is how long an idle GPU node is paid for before removal', 'a duration such as 30s, 10m, 1h, or Never', "set disruption.consolidateAfter, e.g. '10m'");
  }
  if (after !== 'Never' && parseDuration(after) === undefined) {
    check.fail('INVALID_DURATION', 'disruption.consolidateAfter', after, 'does not parse as a duration', 'whole numbers with s, m or h units (30s, 10m, 1h30m), or Never', "write e.g. '10m' (no spaces, no days, no decimals)");
  }
  const policy = check.oneOf('disruption.consolidationPolicy', d.consolidationPolicy ?? 'WhenEmpty', CONSOLIDATION_POLICIES);
  const budgets = d.budgets === undefined ? undefined : resolveBudgets(check, d.budgets);
  return { consolidationPolicy: policy, consolidateAfter: after, ...(budgets ? { budgets } : {}) };
}

function resolveBudgets(check: PropChecker, given: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(given)) check.fail('INVALID_BUDGETS', 'disruption.budgets', given, 'must be a list', 'a list of { nodes, schedule?, duration?, reasons? }');
  if (given.length > 50) check.fail('INVALID_BUDGETS', 'disruption.budgets', given.length, 'has more budgets than the CRD allows', 'at most 50');
  return given.map((b: DisruptionBudget, i) => {
    const p = `disruption.budgets[${i}]`;
    if (b === null || typeof b !== 'object') check.fail('INVALID_BUDGETS', p, b, 'must be an object', '{ nodes, schedule?, duration?, reasons? }');
    const nodes = typeof b.nodes === 'number' ? String(b.nodes) : b.nodes;
    if (typeof nodes !== 'string' || !/^((100|[0-9]{1,2})%|[0-9]+)$/.test(nodes)) {
      check.fail('INVALID_BUDGETS', `${p}.nodes`, b.nodes, 'is not a node count or percentage', "a whole number ('0', '2') or a percentage from 0% to 100%", "use '0' to block voluntary disruption while the budget is active");
    }
    if ((b.schedule === undefined) !== (b.duration === undefined)) {
      check.fail('INVALID_BUDGETS', b.schedule === undefined ? `${p}.schedule` : `${p}.duration`, b.schedule ?? b.duration, "must be set together with the other: a budget's schedule says when it starts, its duration how long it lasts", 'both schedule and duration, or neither (always active)');
    }
    if (b.schedule !== undefined) {
      const problem = cronProblem(b.schedule);
      if (problem) check.fail('INVALID_CRON', `${p}.schedule`, b.schedule, `is not a cron schedule: it ${problem}`, 'five fields (minute hour day-of-month month day-of-week, UTC) such as "0 8 * * mon-fri", or @daily, @weekly, ...', 'write a standard cron expression in UTC');
      if (!isBudgetDuration(b.duration)) check.fail('INVALID_DURATION', `${p}.duration`, b.duration, 'is not a budget duration', 'hours and minutes such as 8h, 90m, 1h30m (no seconds)', "write e.g. '10h'");
    }
    if (b.reasons !== undefined) {
      const reasons = check.nonEmptyArray<unknown>(`${p}.reasons`, b.reasons, 'disruption reasons');
      reasons.forEach((r, j) => check.oneOf(`${p}.reasons[${j}]`, r, ['Underutilized', 'Empty', 'Drifted'] as const));
    }
    return { nodes, ...(b.schedule !== undefined ? { schedule: b.schedule, duration: b.duration } : {}), ...(b.reasons ? { reasons: [...b.reasons] } : {}) };
  });
}

function resolveLabels(check: PropChecker, prop: string, given: unknown): Record<string, string> {
  if (given === undefined) return {};
  if (given === null || typeof given !== 'object' || Array.isArray(given)) check.fail('INVALID_LABELS', prop, given, 'must be an object', 'a map of label key to value');
  for (const [k, v] of Object.entries(given as Record<string, unknown>)) {
    if (!isLabelKey(k)) check.fail('INVALID_LABELS', prop, k, 'has a key that is not a valid Kubernetes label key', '[prefix/]name, name up to 63 letters, digits, - _ .');
    const domain = k.includes('/') ? k.slice(0, k.indexOf('/')) : '';
    if (RESTRICTED_LABEL_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`))) {
      check.fail('RESTRICTED_LABEL', prop, k, `uses the label domain ${domain}, which Karpenter or Kubernetes sets on nodes itself`, `labels outside ${RESTRICTED_LABEL_DOMAINS.join(', ')}`, `use your own prefix, e.g. ${LABEL_PREFIX}/...`);
    }
    if (typeof v !== 'string' || !isLabelValue(v)) check.fail('INVALID_LABELS', `${prop}[${JSON.stringify(k)}]`, v, 'is not a valid Kubernetes label value', 'up to 63 letters, digits, - _ ., starting and ending with a letter or digit');
  }
  return { ...(given as Record<string, string>) };
}


function resolveVolume(check: PropChecker, given: PoolVolume | undefined): Required<Omit<PoolVolume, 'kmsKeyId'>> & { kmsKeyId?: string } {
  if (given !== undefined && (given === null || typeof given !== 'object')) check.fail('INVALID_VOLUME', 'volume', given, 'must be an object', '{ sizeGiB?, iops?, throughputMiBps?, kmsKeyId? }');
  const v = given ?? {};
  const sizeGiB = check.integer('volume.sizeGiB', v.sizeGiB ?? 200, { min: 20, max: 16_384 });
  const iops = check.integer('volume.iops', v.iops ?? 3000, { min: 3000, max: 80_000 });
  const throughputMiBps = check.integer('volume.throughputMiBps', v.throughputMiBps ?? 125, { min: 125, max: 2000 });
  if (iops > sizeGiB * 500) check.fail('INVALID_VOLUME', 'volume.iops', iops, `exceeds gp3's 500 IOPS per GiB for ${sizeGiB} GiB`, `at most ${sizeGiB * 500}`);
  if (throughputMiBps * 4 > iops) check.fail('INVALID_VOLUME', 'volume.throughputMiBps', throughputMiBps, `exceeds gp3's 0.25 MiB/s per provisioned IOPS (${iops} IOPS)`, `at most ${Math.floor(iops / 4)}`);
  if (v.kmsKeyId !== undefined) check.string('volume.kmsKeyId', v.kmsKeyId, { allowed: 'a KMS key ID or ARN' });
  return { sizeGiB, iops, throughputMiBps, kmsKeyId: v.kmsKeyId };
}

function resolveSpotShare(check: PropChecker, given: unknown, types: readonly CapacityType[]): number {
  const spot = types.includes(CapacityType.SPOT);
  const onDemand = types.includes(CapacityType.ON_DEMAND);
  const fallback = spot && onDemand ? DEFAULT_SPOT_SHARE : spot ? 1 : 0;
  if (given === undefined) return fallback;
  const share = check.number('spotShare', given, { min: 0, max: 1 });
  if (!spot && share > 0) check.fail('INVALID_SPOT_SHARE', 'spotShare', share, 'is above 0 for a pool without spot capacity', '0', 'allow CapacityType.SPOT or drop spotShare');
  if (!onDemand && share < 1) check.fail('INVALID_SPOT_SHARE', 'spotShare', share, 'is below 1 for a spot-only pool', '1', 'allow CapacityType.ON_DEMAND or drop spotShare');
  return share;
}

/** Image volume layout: AL2023 keeps images on the root volume; Bottlerocket on its data volume (xvdb). */
function blockDevices(alias: string, v: { sizeGiB: number; iops: number; throughputMiBps: number; kmsKeyId?: string }): Array<Record<string, unknown>> {
  const ebs = (size: number) => ({
    volumeSize: `${size}Gi`,
    volumeType: 'gp3',
    iops: v.iops,
    throughput: v.throughputMiBps,
    encrypted: true,
    deleteOnTermination: true,
    ...(v.kmsKeyId !== undefined ? { kmsKeyID: v.kmsKeyId } : {}),
  });
  if (alias.startsWith('bottlerocket')) {
    return [
      { deviceName: '/dev/xvda', rootVolume: true, ebs: { ...ebs(4), iops: 3000, throughput: 125 } },
      { deviceName: '/dev/xvdb', ebs: ebs(v.sizeGiB) },
    ];
  }
  return [{ deviceName: '/dev/xvda', rootVolume: true, ebs: ebs(v.sizeGiB) }];
}

/** NodePool rules the CRD states in CEL (not checked by the JSON schema). */
function nodePoolRules(o: KubernetesObject): ObjectProblem[] {
  const problems: ObjectProblem[] = [];
  const spec = o.spec as { template?: { spec?: { requirements?: NodeRequirement[] } }; disruption?: { budgets?: DisruptionBudget[] }; limits?: Record<string, unknown> };
  (spec.template?.spec?.requirements ?? []).forEach((r, i) => {
    const domain = r.key.includes('/') ? r.key.slice(0, r.key.indexOf('/')) : '';
    if (r.key === 'karpenter.sh/nodepool' || r.key === 'kubernetes.io/hostname') problems.push({ path: `spec.template.spec.requirements[${i}].key`, message: `label "${r.key}" is restricted` });
    else if (domain.endsWith('karpenter.sh') && r.key !== 'karpenter.sh/capacity-type') problems.push({ path: `spec.template.spec.requirements[${i}].key`, message: 'label domain "karpenter.sh" is restricted' });
    if (r.operator === 'In' && !(r.values ?? []).length) problems.push({ path: `spec.template.spec.requirements[${i}].values`, message: "requirements with operator 'In' must have a value defined" });
  });
  (spec.disruption?.budgets ?? []).forEach((b, i) => {
    if ((b.schedule === undefined) !== (b.duration === undefined)) problems.push({ path: `spec.disruption.budgets[${i}]`, message: "'schedule' must be set with 'duration'" });
    if (b.schedule !== undefined && cronProblem(b.schedule)) problems.push({ path: `spec.disruption.budgets[${i}].schedule`, message: `is not a cron schedule: it ${cronProblem(b.schedule)}` });
  });
  if (spec.limits?.['nvidia.com/gpu'] === undefined) problems.push({ path: 'spec.limits', message: 'has no nvidia.com/gpu limit; an unbounded GPU pool has no worst-case cost' });
  return problems;
}

/** EC2NodeClass rules the CRD states in CEL, with the library's stricter tag-key rule. */
function ec2NodeClassRules(o: KubernetesObject): ObjectProblem[] {
  const problems: ObjectProblem[] = [];
  const spec = o.spec as { tags?: Record<string, string>; amiSelectorTerms?: Array<Record<string, unknown>>; role?: string; instanceProfile?: string };
  for (const [key, value] of Object.entries(spec.tags ?? {})) {
    const problem = restrictedTagKeyProblem(key);
    if (problem) problems.push({ path: `spec.tags[${JSON.stringify(key)}]`, message: `tag key ${problem}; allowed: ${RESTRICTED_TAG_KEYS_ALLOWED}` });
    if (value === '') problems.push({ path: `spec.tags[${JSON.stringify(key)}]`, message: 'empty tag values are not supported' });
  }
  (spec.amiSelectorTerms ?? []).forEach((t, i) => {
    if (t.alias !== undefined) {
      if (Object.keys(t).length > 1) problems.push({ path: `spec.amiSelectorTerms[${i}]`, message: "'alias' is mutually exclusive with the other fields of an amiSelectorTerm" });
      if (typeof t.alias !== 'string' || !/^[a-zA-Z0-9]+@.+$/.test(t.alias)) problems.push({ path: `spec.amiSelectorTerms[${i}].alias`, message: "'alias' is improperly formatted, must match the format 'family@version'" });
    }
  });
  if ((spec.role === undefined) === (spec.instanceProfile === undefined)) problems.push({ path: 'spec.role', message: "must specify exactly one of ['role', 'instanceProfile']" });
  return problems;
}


/** `{ annotations }` with the original value of each cost tag whose node label is rewritten, or nothing. */
function originalTagAnnotations(tags: Readonly<Record<string, string>>): { annotations?: Record<string, string> } {
  const rewritten = rewrittenCostTags(tags);
  return rewritten.length ? { annotations: Object.fromEntries(rewritten.map((r) => [r.key, r.tag])) } : {};
}
