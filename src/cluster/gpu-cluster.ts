import { DEFAULT_PROMETHEUS_RELEASE } from '../core/service-monitor.js';
import { ManifestBundle } from '../core/manifest-bundle.js';
import type { KubernetesObject } from '../core/kubernetes-object.js';
import { KubePrometheusStack } from '../observability/kube-prometheus-stack.js';
import { Monitoring } from '../observability/monitoring.js';
import { StateBackend, applyStateBackend } from './state-backend.js';
import { Annotations, Construct, TerraformStack, Token } from '../core/cdktf.js';
import { GpuClusterError } from '../base/errors.js';
import type { IConstruct } from '../core/cdktf.js';
import { PropChecker } from '../core/validate.js';
import { CostTags } from '../core/cost-tags.js';
import { isLabelValue } from '../base/labels.js';
import { addDependsOn } from '../core/depends-on.js';
import { REGION_PATTERN } from '../catalog/price-book.js';
import { AmiType } from '../compute/ami-type.js';
import { GpuNodeGroup } from '../compute/gpu-node-group.js';
import { Karpenter } from '../karpenter/karpenter.js';
import { GpuNodePool } from '../karpenter/gpu-node-pool.js';
import { GpuOperator } from '../gpu/gpu-operator.js';
import { DcgmExporter } from '../gpu/dcgm-exporter.js';
import { GpuAlertRules } from '../observability/gpu-alert-rules.js';
import type { GpuAlertRulesProps } from '../observability/gpu-alert-rules.js';
import { GpuDashboard } from '../observability/gpu-dashboard.js';
import type { GpuDashboardProps } from '../observability/gpu-dashboard.js';
import { BudgetScope, CostBudget } from '../policy/cost-budget.js';
import type { ClusterVpc } from './cluster-vpc.js';
import type { EksControlPlane } from './eks-control-plane.js';
import { existingClusterParts, newClusterParts } from './cluster-parts.js';
import type { ClusterParts } from './cluster-parts.js';
import type {
  ClusterNodeGroupProps, ClusterSpotPoolProps, ExistingGpuClusterProps, GpuClusterBudget, GpuClusterCommonProps, GpuClusterProps,
} from './gpu-cluster-props.js';

/**
 * The AMI release spot pools run by default: amazon-eks-ami v20260714, which ships AL2023 NVIDIA
 * AMIs for Kubernetes 1.30-1.36 on x86_64 and arm64 (data-sources/amazon-eks-ami).
 */
export const DEFAULT_AMI_ALIAS = 'al2023@v20260714';
/** An encrypted gp3 StorageClass of the EBS CSI driver, the cluster's default. */
const GP3_STORAGE_CLASS: KubernetesObject = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'gp3', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'ebs.csi.aws.com',
  parameters: { type: 'gp3', encrypted: 'true', 'csi.storage.k8s.io/fstype': 'ext4' },
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'WaitForFirstConsumer',
  allowVolumeExpansion: true,
};

/** The monitoring a cluster gets: given, from the deprecated prometheusRelease, or the default for new and existing clusters. */
function resolveMonitoring(scope: Construct, check: PropChecker, props: GpuClusterProps, existing: boolean): Monitoring {
  if (props.monitoring !== undefined && !(props.monitoring instanceof Monitoring)) {
    check.fail('INVALID_MONITORING', 'monitoring', props.monitoring, 'is not a Monitoring', 'Monitoring.kubePrometheusStack(), Monitoring.existing({ release, namespace }) or Monitoring.none()', 'use one of the Monitoring statics');
  }
  if (props.prometheusRelease !== undefined) {
    if (props.monitoring !== undefined) check.fail('CONFLICTING_PROPS', 'prometheusRelease', props.prometheusRelease, 'is given with monitoring', 'one of them', 'drop prometheusRelease (deprecated): monitoring says which Prometheus');
    Annotations.of(scope).addWarning(`prometheusRelease is deprecated: use monitoring: Monitoring.existing({ release: '${String(props.prometheusRelease)}', namespace: 'monitoring' }) (what it stands for now)`);
  }
  const monitoring = props.monitoring
    ?? (props.prometheusRelease !== undefined ? Monitoring.existing({ release: props.prometheusRelease }) : existing ? Monitoring.existing({ release: DEFAULT_PROMETHEUS_RELEASE, namespace: 'monitoring' }) : Monitoring.kubePrometheusStack());
  if (monitoring.kind !== 'none') {
    const prop = props.prometheusRelease !== undefined ? 'prometheusRelease' : 'monitoring.release';
    if (typeof monitoring.release !== 'string' || !isLabelValue(monitoring.release)) {
      check.fail('INVALID_RELEASE_LABEL', prop, monitoring.release, 'is not a Kubernetes label value', 'up to 63 letters, digits, -, _ and ., starting and ending with a letter or digit', 'set it to the release name of your kube-prometheus-stack');
    }
    check.string('monitoring.namespace', monitoring.namespace, { pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, allowed: 'a Kubernetes namespace name' });
  }
  return monitoring;
}

/** The `release` label kube-prometheus-stack's Prometheus selects ServiceMonitors and rules by. */
export { DEFAULT_PROMETHEUS_RELEASE };

/** Cluster names taken in each app, by region: EKS, SQS, KMS alias and log group names are regional. */
const clusterNames = new WeakMap<IConstruct, Map<string, string>>();

function claimClusterName(cluster: GpuCluster, check: PropChecker): void {
  if (Token.isUnresolved(cluster.clusterName)) return;
  const taken = clusterNames.get(cluster.node.root) ?? new Map<string, string>();
  clusterNames.set(cluster.node.root, taken);
  const key = `${cluster.region}/${cluster.clusterName}`;
  const first = taken.get(key);
  if (first !== undefined) {
    check.fail('DUPLICATE_CLUSTER_NAME', 'clusterName', cluster.clusterName, `is the name of ${first} too, in the same region (${cluster.region}): their EKS clusters, interruption queues, KMS aliases and log groups would clash at apply`, 'one cluster of a name per region in an app', 'give one of them another clusterName (or another region)');
  }
  taken.set(key, cluster.node.path);
}

/** constructs throws a plain Error with a stack trace for a taken id: a GpuClusterError instead. */
function refuseTakenId(scope: Construct, id: string): void {
  if (scope === null || typeof scope !== 'object' || !Construct.isConstruct(scope) || typeof id !== 'string') return;
  if (scope.node.tryFindChild(id) === undefined) return;
  throw new GpuClusterError({
    code: 'DUPLICATE_CONSTRUCT_ID',
    path: scope.node.path || '<app>',
    prop: 'id',
    value: id,
    problem: `is taken: ${scope.node.path || 'the app'} already has a child with this id`,
    allowed: 'an id no other construct in the same scope uses',
    fix: 'give the GpuCluster another id',
  });
}

/** Props objects that came through `fromExisting`. */
const EXISTING = new WeakSet<object>();

/**
 * A GPU-ready EKS cluster: a new one (VPC or your subnets, EKS with KMS-encrypted secrets, API
 * access entries, control-plane logs, pinned core add-ons, a system node group) in a cluster
 * stack, and its Kubernetes add-ons (Karpenter, GPU Operator, DCGM exporter, alert rules,
 * dashboard) in an add-ons stack that reaches the cluster through cross-stack outputs, so
 * `cdktf deploy '*'` deploys both in order. On an existing cluster (`fromExisting`) only the
 * add-ons stack is written. `addNodeGroup`, `addSpotPool`, `addAlertRules`, `addDashboard` and
 * `addBudget` wire names, labels, partition configs, selectors and budgets between the parts.
 *
 * @example
 * const cluster = new GpuCluster(app, 'ml', {
 *   region: 'us-west-2',
 *   costTags: { team: 'ml-platform', costCenter: 'cc-42', environment: 'prod' },
 *   budget: { monthlyLimitUsd: 500_000, basis: BudgetBasis.WORST_CASE },
 * });
 * cluster.addNodeGroup('inference', { instanceTypes: [GpuInstanceType.G6E_12XLARGE], scaling: { min: 2, desired: 2, max: 8 } });
 * cluster.addSpotPool('training', { gpuNames: ['h100', 'a100'], gpuLimit: 64, migLayout: MigLayout.uniform('3g.40gb') });
 * cluster.addAlertRules();
 */
export class GpuCluster extends Construct {
  /**
   * GPU capacity on a cluster that exists: one stack (or the stack `scope` is in) with the
   * add-ons, node groups and pools, reaching the cluster through its name.
   */
  static fromExisting(scope: Construct, id: string, props: ExistingGpuClusterProps): GpuCluster {
    const init = props !== null && typeof props === 'object' ? { ...props } : props;
    if (init !== null && typeof init === 'object') EXISTING.add(init);
    return new GpuCluster(scope, id, init as GpuClusterProps);
  }

  /** Name of the EKS cluster. */
  readonly clusterName: string;
  /** The AWS region. */
  readonly region: string;
  /** True when the cluster existed before (fromExisting). */
  readonly existing: boolean;
  /** The stack with the cluster and its AWS resources (undefined for an existing cluster). */
  readonly clusterStack?: TerraformStack;
  /** The stack with the Kubernetes and Helm add-ons (for an existing cluster, its only stack). */
  readonly addonsStack: TerraformStack;
  /** The EKS control plane (new clusters). */
  readonly controlPlane?: EksControlPlane;
  /** The VPC created for the cluster (new clusters without `subnets`). */
  readonly vpc?: ClusterVpc;
  /** The Karpenter controller (unless `karpenter: false`). */
  readonly karpenter?: Karpenter;
  readonly gpuOperator: GpuOperator;
  readonly dcgmExporter: DcgmExporter;
  /** The budget given in the props. */
  readonly budget?: CostBudget;
  /** AMI type of the GPU node groups. */
  readonly amiType: AmiType;
  /** Where the stacks keep their state (undefined: a stack of yours, with its own backend). */
  readonly state?: StateBackend;
  /** The Prometheus the cluster reports to. */
  readonly monitoring: Monitoring;
  /** kube-prometheus-stack, when the cluster installs it. */
  readonly kubePrometheusStack?: KubePrometheusStack;
  /** The `release` label of ServiceMonitors and rules (undefined with Monitoring.none()). */
  readonly prometheusRelease?: string;

  private readonly parts: ClusterParts;
  /** The cluster's costTags: applied to what it creates in a stack that is not its own (fromExisting). */
  private readonly clusterTags?: GpuClusterCommonProps['costTags'];
  /** Node group and pool names in use, with the method that took each. */
  private readonly capacityNames = new Map<string, string>();
  private alertRules?: GpuAlertRules;
  private dashboard?: GpuDashboard;

  constructor(scope: Construct, id: string, props: GpuClusterProps) {
    refuseTakenId(scope, id);
    super(scope, id);
    // Warnings under the cluster go to manifest.json without the stack trace of the synthesizing
    // machine (its paths; two clones would write different files). cdktf reads this context key.
    this.node.setContext('@cdktf/disable_stack_trace_in_metadata', true);
    const check = new PropChecker(this.node.path);
    if (props === null || typeof props !== 'object') {
      check.fail('MISSING_PROPS', 'props', props, 'are required', 'a GpuClusterProps object', "pass at least { region: 'us-west-2' }");
    }
    this.existing = EXISTING.has(props);
    this.region = check.string('region', props.region, { pattern: REGION_PATTERN, allowed: 'an AWS region code such as us-west-2', fix: "set region, e.g. 'us-west-2'" });
    if (props.costTags !== undefined) CostTags.of(this).addAll(props.costTags);
    this.clusterTags = props.costTags;
    if (props.amiType !== undefined && !(props.amiType instanceof AmiType)) {
      check.fail('INVALID_AMI_TYPE', 'amiType', props.amiType, 'is not an AmiType', 'AmiType.AL2023_X86_64_NVIDIA, AmiType.AL2023_ARM_64_NVIDIA, AmiType.BOTTLEROCKET_X86_64_NVIDIA, AmiType.BOTTLEROCKET_ARM_64_NVIDIA', 'use one of the AmiType statics');
    }
    this.amiType = props.amiType ?? AmiType.AL2023_X86_64_NVIDIA;
    this.monitoring = resolveMonitoring(this, check, props, this.existing);
    this.prometheusRelease = this.monitoring.release;

    this.parts = this.existing
      ? existingClusterParts(this, id, props as unknown as ExistingGpuClusterProps, check)
      : newClusterParts(this, id, props, check);
    this.clusterName = this.parts.clusterName;
    claimClusterName(this, check);
    this.clusterStack = this.parts.clusterStack;
    this.addonsStack = this.parts.addonsStack;
    this.controlPlane = this.parts.controlPlane;
    this.vpc = this.parts.vpc;

    // Stacks the cluster created (not a stack of yours given to fromExisting) get the default backend.
    const own = this.stacks.filter((s) => s.node.scopes.includes(this));
    if (props.state !== undefined || own.length) {
      this.state = applyStateBackend(props.state !== undefined ? this.stacks : own, props.state, { id, region: this.region, check });
    }

    const addons = this.addonsStack;
    if (this.monitoring.kind === 'install') {
      // The gp3 class Prometheus's volume asks for; EKS ships only gp2 (not default since 1.30).
      const storage = this.tagged(new ManifestBundle(addons, 'storage-classes', { releaseName: 'storage-classes', namespace: 'kube-system', description: 'StorageClasses of cdktf-gpu-cluster' }));
      storage.add(GP3_STORAGE_CLASS);
      this.kubePrometheusStack = this.tagged(new KubePrometheusStack(addons, 'kube-prometheus-stack', { ...this.monitoring.install, dependsOn: [storage.release] }));
    }
    this.monitoring.declareIn(addons);
    const monitored = this.monitoring.kind !== 'none';
    const serviceMonitor = monitored ? { labels: { release: this.prometheusRelease! } } : { enabled: false };
    if (props.karpenter !== undefined && typeof props.karpenter !== 'boolean') {
      check.fail('INVALID_BOOLEAN', 'karpenter', props.karpenter, 'must be true or false', 'true or false');
    }
    if (props.karpenter ?? true) this.karpenter = this.tagged(new Karpenter(addons, 'karpenter', { clusterName: this.clusterName, serviceMonitor }));
    this.gpuOperator = this.tagged(new GpuOperator(addons, 'gpu-operator', {
      ...(props.gpuOperator ?? {}),
      amiType: this.amiType,
      // MIG layouts and sharing configs are declared by node groups (cluster stack) and pools (add-ons stack).
      partitionScopes: this.stacks,
    }));
    this.dcgmExporter = this.tagged(new DcgmExporter(addons, 'dcgm-exporter', { operator: this.gpuOperator, serviceMonitor }));
    // Their charts render ServiceMonitors only where the API serves the CRD (.Capabilities): install after it.
    if (this.kubePrometheusStack) {
      for (const release of [this.karpenter?.release, this.gpuOperator.release]) if (release) addDependsOn(release, this.kubePrometheusStack.release);
    }
    if (props.budget !== undefined) this.budget = this.addBudget('budget', props.budget);
  }

  /** The cluster's stacks: [cluster, add-ons] for a new cluster, [add-ons] for an existing one. */
  get stacks(): TerraformStack[] {
    return this.clusterStack ? [this.clusterStack, this.addonsStack] : [this.addonsStack];
  }

  /**
   * Adds an EKS managed GPU node group: cluster name, subnets and AMI type come from the cluster,
   * its MIG layout or sharing config reaches the GPU Operator.
   */
  addNodeGroup(id: string, props: ClusterNodeGroupProps): GpuNodeGroup {
    this.claimName(id, 'addNodeGroup', this.parts.nodeGroupStack);
    const check = new PropChecker(`${this.node.path}/addNodeGroup(${id})`);
    if (props === null || typeof props !== 'object') check.fail('MISSING_PROPS', 'props', props, 'are required', 'instanceTypes and scaling at least');
    const subnetIds = props.subnetIds ?? this.parts.nodeSubnetIds;
    if (subnetIds === undefined) {
      return check.fail('MISSING_SUBNETS', 'subnetIds', subnetIds, 'is needed: the cluster was imported without subnetIds', 'the IDs of private subnets of the cluster VPC', 'pass subnetIds here, or to GpuCluster.fromExisting');
    }
    const group = this.tagged(new GpuNodeGroup(this.parts.nodeGroupStack, id, {
      ...props,
      clusterName: this.parts.clusterRef,
      subnetIds,
      amiType: props.amiType ?? this.amiType,
      kubernetesVersion: props.kubernetesVersion ?? this.parts.nodeGroupVersion(),
    }));
    // Nodes join only once the CNI and the pod identity agent are installed.
    for (const dep of this.parts.nodeGroupDependencies) addDependsOn(group.nodeGroup, dep);
    return group;
  }

  /**
   * Adds a Karpenter GPU pool, spot first with on-demand fallback under one GPU limit. Refused on
   * a cluster created with `karpenter: false`.
   */
  addSpotPool(id: string, props: ClusterSpotPoolProps): GpuNodePool {
    this.claimName(id, 'addSpotPool', this.addonsStack);
    const check = new PropChecker(`${this.node.path}/addSpotPool(${id})`);
    const karpenter = this.karpenter;
    if (!karpenter) {
      return check.fail('NO_KARPENTER', 'karpenter', false, 'this cluster was created with karpenter: false, so there is no Karpenter to run a spot pool', 'a cluster with Karpenter', 'leave karpenter unset (or true) on the GpuCluster, or use addNodeGroup with capacityType: CapacityType.SPOT');
    }
    if (props === null || typeof props !== 'object') check.fail('MISSING_PROPS', 'props', props, 'are required', 'an instance selection and gpuLimit at least');
    return this.tagged(new GpuNodePool(this.addonsStack, id, {
      ...props,
      karpenter,
      amiAlias: props.amiAlias ?? this.defaultAmiAlias(check),
      ...(this.controlPlane ? { kubernetesVersion: this.controlPlane.kubernetesVersion } : {}),
      disruption: props.disruption ?? { consolidateAfter: '10m', consolidationPolicy: 'WhenEmpty' },
    }));
  }

  /**
   * Adds the GPU alert rules, selected by the cluster's Prometheus and covering the cost of both
   * stacks. Call once.
   */
  addAlertRules(props: GpuAlertRulesProps = {}): GpuAlertRules {
    if (this.alertRules) this.once('addAlertRules');
    const check = new PropChecker(`${this.node.path}/addAlertRules`);
    this.requireMonitoring(check, 'addAlertRules');
    freeIn(this.addonsStack, 'gpu-alerts', check);
    this.alertRules = new GpuAlertRules(this.addonsStack, 'gpu-alerts', {
      ruleSelectorLabels: { release: this.prometheusRelease! },
      namespace: this.monitoring.namespace,
      costScopes: this.stacks,
      ...(this.kubePrometheusStack ? { dependsOn: [this.kubePrometheusStack.release] } : {}),
      ...props,
    });
    return this.alertRules;
  }

  /** Adds the Grafana GPU dashboard (a ConfigMap the Grafana sidecar loads). Call once. */
  addDashboard(props: GpuDashboardProps = {}): GpuDashboard {
    if (this.dashboard) this.once('addDashboard');
    const check = new PropChecker(`${this.node.path}/addDashboard`);
    this.requireMonitoring(check, 'addDashboard');
    freeIn(this.addonsStack, 'gpu-dashboard', check);
    this.dashboard = new GpuDashboard(this.addonsStack, 'gpu-dashboard', {
      namespace: this.monitoring.namespace,
      // The sidecar's label, and the release label as the rules and ServiceMonitors carry it.
      sidecarLabels: { grafana_dashboard: '1', release: this.prometheusRelease! },
      ...(this.kubePrometheusStack ? { dependsOn: [this.kubePrometheusStack.release] } : {}),
      ...props,
    });
    return this.dashboard;
  }

  /** Adds a budget over the cluster's stacks (a team or cost-center scope narrows it). */
  addBudget(id: string, props: GpuClusterBudget): CostBudget {
    // constructs throws a TypeError on a non-string id.
    const check = new PropChecker(`${this.node.path}/addBudget(${idLabel(id)})`);
    check.string('id', id, { allowed: 'a construct id: a non-empty string' });
    freeIn(this.addonsStack, id, check);
    const others = this.clusterStack ? [this.clusterStack] : [];
    return new CostBudget(this.addonsStack, id, { ...props, scope: props?.scope ?? BudgetScope.stack(), includeStacks: others });
  }

  /**
   * `construct`, carrying the cluster's costTags where its stack is not the cluster's own (a stack
   * of yours given to fromExisting), which CostTags.of(cluster) does not reach.
   */
  private tagged<T extends IConstruct>(construct: T): T {
    if (this.clusterTags !== undefined && !construct.node.scopes.includes(this)) CostTags.of(construct).addAll(this.clusterTags);
    return construct;
  }

  private claimName(id: string, method: string, stack: TerraformStack): void {
    const check = new PropChecker(`${this.node.path}/${method}(${idLabel(id)})`);
    check.string('id', id, { pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, allowed: 'a lower-case name of letters, digits and - (it names the node group or NodePool)' });
    const taken = this.capacityNames.get(id);
    if (taken) {
      check.fail('DUPLICATE_NAME', 'id', id, `is already used by ${taken}('${id}')`, 'a name no other node group or pool of this cluster uses', 'give each node group and pool its own name');
    }
    freeIn(stack, id, check);
    this.capacityNames.set(id, method);
  }

  private requireMonitoring(check: PropChecker, method: string): void {
    if (this.monitoring.kind === 'none') {
      check.fail('NO_MONITORING', 'monitoring', 'Monitoring.none()', `leaves no Prometheus to load what ${method} writes`, 'Monitoring.kubePrometheusStack() or Monitoring.existing({ release, namespace })', `drop ${method}, or give the cluster a monitoring`);
    }
  }

  private once(method: string): never {
    return new PropChecker(this.node.path).fail('ALREADY_ADDED', method, method, 'was called before: the cluster has one set', 'one call', `configure it in the first call, or change the object ${method} returned`);
  }

  private defaultAmiAlias(check: PropChecker): string {
    if (this.amiType.os === 'al2023') return DEFAULT_AMI_ALIAS;
    return check.fail('MISSING_AMI_ALIAS', 'amiAlias', undefined, `has no default for ${this.amiType.name} clusters`, 'bottlerocket@vX.Y.Z', 'pass amiAlias with the Bottlerocket release you run');
  }
}

/** An id for an error path: String() throws on objects without a prototype. */
function idLabel(id: unknown): string {
  return typeof id === 'string' ? id : `<${id === null ? 'null' : typeof id}>`;
}

/** Node groups, pools, budgets and rules are children of a stack the cluster's own parts (and, in a platform stack, other constructs) live in too. */
function freeIn(stack: TerraformStack, id: string, check: PropChecker): void {
  if (stack.node.tryFindChild(id) === undefined) return;
  check.fail('DUPLICATE_NAME', 'id', id, `is already the id of a construct in stack ${stack.node.path}`, 'a name not taken in that stack (karpenter, gpu-operator, dcgm-exporter, gpu-alerts, gpu-dashboard, budget and the cluster id are the cluster\'s own)', 'choose another name');
}
