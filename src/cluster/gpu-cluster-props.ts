import type { Monitoring } from '../observability/monitoring.js';
import type { StateBackend } from './state-backend.js';
import type { CostTagSet } from '../core/cost-tags.js';
import type { AmiType } from '../compute/ami-type.js';
import type { GpuNodeGroupProps } from '../compute/gpu-node-group.js';
import type { GpuNodePoolProps, PoolDisruption } from '../karpenter/gpu-node-pool.js';
import type { GpuOperatorProps } from '../gpu/gpu-operator.js';
import type { BudgetBasis, BudgetScope } from '../policy/cost-budget.js';
import type { ClusterVpcProps } from './cluster-vpc.js';
import type { SystemNodeGroupOptions } from './system-node-group.js';

/** The budget a GpuCluster is created with: it covers every stack of the cluster. */
export interface GpuClusterBudget {
  /** The monthly limit, USD. */
  readonly monthlyLimitUsd: number;
  /** Which figure is compared with the limit. */
  readonly basis: BudgetBasis;
  /**
   * Percent of the limit at which synth warns.
   * @default 80
   */
  readonly warnAtPercent?: number;
  /**
   * What the budget covers within the cluster's stacks.
   * @default BudgetScope.stack() (everything the cluster costs)
   */
  readonly scope?: BudgetScope;
}

/** A subnet the user brings, with its AZ (so the construct can check the cluster spans two). */
export interface ClusterSubnet {
  /** The subnet ID (`subnet-…`). */
  readonly subnetId: string;
  /** Its availability zone (e.g. `us-west-2a`). */
  readonly availabilityZone: string;
}

/** What a cluster created from scratch and one that exists share. */
export interface GpuClusterCommonProps {
  /** The AWS region of the cluster: the providers' region and the prices' region. */
  readonly region: string;
  /**
   * Cost-allocation tags every resource of the cluster carries (team, costCenter, environment…).
   * @default - the tags of `CostTags.of(scope)`
   */
  readonly costTags?: CostTagSet;
  /**
   * A budget over everything the cluster costs, checked at synth.
   * @default - no budget
   */
  readonly budget?: GpuClusterBudget;
  /**
   * Install Karpenter (controller, interruption queue, IAM) so that `addSpotPool` can add pools.
   * @default true
   */
  readonly karpenter?: boolean;
  /**
   * AMI type of GPU node groups (and what the GPU Operator expects on the nodes).
   * @default AmiType.AL2023_X86_64_NVIDIA
   */
  readonly amiType?: AmiType;
  /**
   * The Prometheus the cluster reports to: `Monitoring.kubePrometheusStack()` installs one,
   * `Monitoring.existing({ release, namespace })` uses the cluster's, `Monitoring.none()` writes no
   * ServiceMonitors, alert rules or dashboards.
   * @default - a new cluster: Monitoring.kubePrometheusStack(); GpuCluster.fromExisting: Monitoring.existing({ release: 'kube-prometheus-stack', namespace: 'monitoring' })
   */
  readonly monitoring?: Monitoring;
  /**
   * Where the stacks keep their Terraform state: `StateBackend.s3({ bucket })` (shared, locked),
   * `StateBackend.local()` or `StateBackend.existing()` (backends you configure yourself).
   * @default StateBackend.local() for the stacks the cluster creates (state files beside the app); a stack of yours given to fromExisting keeps its own backend
   */
  readonly state?: StateBackend;
  /**
   * @deprecated use `monitoring: Monitoring.existing({ release, namespace })`. Given alone, it
   * stands for that with namespace `monitoring` (and synth warns).
   * @default - see `monitoring`
   */
  readonly prometheusRelease?: string;
  /**
   * GPU Operator settings (namespace, components, tolerations, extra chart values).
   * @default - the operator's defaults for `amiType`
   */
  readonly gpuOperator?: Pick<GpuOperatorProps, 'namespace' | 'releaseName' | 'driver' | 'toolkit' | 'devicePlugin' | 'tolerations' | 'additionalValues'>;
}

/** Props of a GpuCluster created from scratch. */
export interface GpuClusterProps extends GpuClusterCommonProps {
  /**
   * Name of the EKS cluster.
   * @default - the construct id
   */
  readonly clusterName?: string;
  /**
   * Kubernetes version of the cluster.
   * @default DEFAULT_KUBERNETES_VERSION
   */
  readonly kubernetesVersion?: string;
  /**
   * `STANDARD`: EKS upgrades the cluster when standard support ends; `EXTENDED`: it stays on the
   * version at the extended-support rate (6x the control-plane price, priced in the report).
   * @default 'STANDARD'
   */
  readonly supportType?: 'STANDARD' | 'EXTENDED';
  /**
   * Private subnets of your VPC for the control plane and the nodes (at least two, in two AZs);
   * they get the `karpenter.sh/discovery` tag. Without them the cluster gets its own VPC.
   * @default - a new ClusterVpc
   */
  readonly subnets?: ClusterSubnet[];
  /**
   * The VPC created when `subnets` is not given.
   * @default - 3 AZs, 10.0.0.0/16, one NAT gateway per AZ
   */
  readonly vpc?: Pick<ClusterVpcProps, 'cidr' | 'availabilityZones' | 'natGateways' | 'natDataProcessedGbPerMonth'>;
  /**
   * CIDRs that may reach the public API endpoint. Without any the endpoint is private only: the
   * add-ons stack must then be deployed from inside the VPC (a runner, a VPN, a bastion).
   * @default [] (private endpoint only)
   */
  readonly publicAccessCidrs?: string[];
  /**
   * IAM principals (role or user ARNs) given cluster-admin through EKS access entries.
   * @default [] (only the identity that creates the cluster)
   */
  readonly adminPrincipalArns?: string[];
  /**
   * The on-demand, non-GPU node group for CoreDNS, the Karpenter controller and the GPU Operator.
   * @default - 2 (up to 3) m7i.large nodes (m6i.large where m7i.large has no price)
   */
  readonly systemNodes?: SystemNodeGroupOptions;
}

/** Props of a GpuCluster on a cluster that exists already. */
export interface ExistingGpuClusterProps extends GpuClusterCommonProps {
  /** Name of the existing EKS cluster. */
  readonly clusterName: string;
  /**
   * Subnets for node groups added with `addNodeGroup` (a node group may name its own).
   * @default - none: each addNodeGroup call passes subnetIds
   */
  readonly subnetIds?: string[];
}

/** Props of `addNodeGroup`: a GpuNodeGroup whose cluster, subnets and AMI type come from the cluster. */
export type ClusterNodeGroupProps = Omit<GpuNodeGroupProps, 'clusterName' | 'subnetIds' | 'amiType'> & Partial<Pick<GpuNodeGroupProps, 'subnetIds' | 'amiType'>>;

/** Props of `addSpotPool`: a GpuNodePool on the cluster's Karpenter, spot first with on-demand fallback. */
export type ClusterSpotPoolProps = Omit<GpuNodePoolProps, 'karpenter' | 'amiAlias' | 'disruption'> & {
  /**
   * The EKS-optimized AMI release the pool's nodes run.
   * @default DEFAULT_AMI_ALIAS
   */
  readonly amiAlias?: string;
  /**
   * Consolidation: remove empty nodes after 10 minutes, never repack running pods.
   * @default { consolidateAfter: '10m', consolidationPolicy: 'WhenEmpty' }
   */
  readonly disruption?: PoolDisruption;
};
