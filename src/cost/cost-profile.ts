import type { FixedCostItem } from '../catalog/price-quote.js';
/**
 * What cost-bearing constructs declare about what they will cost: plain data, no prices. The TCO
 * engine prices profiles with the catalog for the stack's region.
 */

/** EBS storage attached to each node. */
export interface NodeStorage {
  readonly volumeType: 'gp3';
  readonly sizeGiB: number;
  /** Provisioned IOPS (3,000 are included in the gp3 price). */
  readonly iops: number;
  /** Provisioned throughput in MiB/s (125 are included in the gp3 price). */
  readonly throughputMiBps: number;
}

interface ProfileBase {
  /** Construct path of the declaring construct. */
  readonly constructPath: string;
  /** The AWS cost tags the resources carry. */
  readonly tags: Readonly<Record<string, string>>;
}

/** What node groups and pools both declare: run time, storage, slices, checkpoints. */
interface NodeProfileBase extends ProfileBase {
  /** Hours per month the nodes run (730 = always on). */
  readonly hoursPerMonth: number;
  readonly storagePerNode: NodeStorage;
  /** What one node offers when MIG or GPU sharing splits its GPUs, for per-slice unit costs. */
  readonly slicesPerNode?: Readonly<Record<string, number>>;
  /**
   * What one GPU offers when MIG or sharing splits it (`MIG 1g.10gb slice`, `GPU shared replica`),
   * for unit costs; counted over the line's GPU-hours, so it holds for pools whose types differ in
   * GPU count. Used instead of slicesPerNode when both are given.
   */
  readonly slicesPerGpu?: Readonly<Record<string, number>>;
  /**
   * Share (0-1) of the construct's cost carried by all slices of a kind together (a mixed MIG
   * layout splits a GPU's cost between its profiles).
   * @default 1 for every kind
   */
  readonly sliceCostShare?: Readonly<Record<string, number>>;
  /** Minutes between workload checkpoints, for spot interruption rework. */
  readonly checkpointIntervalMinutes?: number;
  /** Figures the user assumed for props that are tokens, in words (the report states them). */
  readonly assumptions?: readonly string[];
}

/** A fixed-size group of nodes: an EKS managed node group. */
export interface ComputeCostProfile extends NodeProfileBase {
  readonly kind: 'eks-node-group';
  /** Instance types the group may use (EC2 API names). */
  readonly instanceTypes: readonly string[];
  /** Node counts. */
  readonly nodes: { readonly min: number; readonly desired: number; readonly max: number };
  /** ON_DEMAND or SPOT. */
  readonly capacityType: 'ON_DEMAND' | 'SPOT';
}

/** An elastic pool bounded by a GPU limit: a Karpenter NodePool. */
export interface NodePoolCostProfile extends NodeProfileBase {
  readonly kind: 'karpenter-node-pool';
  /** Instance types the pool may launch, after narrowing (EC2 API names). */
  readonly instanceTypes: readonly string[];
  /** The pool's limit in physical GPUs. */
  readonly gpuLimit: number;
  /** The pool's `cpu` limit (vCPUs), written where its nodes do not report their physical GPUs; it bounds the nodes too. */
  readonly cpuLimit?: number;
  /** Average GPUs in use (expected basis). */
  readonly expectedGpusInUse: number;
  /** True when expectedGpusInUse is the library's default, not the user's figure (the report says so). */
  readonly expectedGpusAssumed: boolean;
  /** Capacity types the pool allows. */
  readonly capacityTypes: ReadonlyArray<'ON_DEMAND' | 'SPOT'>;
  /** Share (0-1) of expected GPU-hours on spot. */
  readonly spotShare: number;
  /** Nodes a rapid scale-out may launch past the limit (Karpenter's docs warn limits can overrun). */
  readonly limitOverrunNodes: number;
}

/** Items with a fixed price per unit (not instances); declared with the prices, in the catalog. */
export type { FixedCostItem };

/** A fixed cost: so many units of an item per month (hours for hourly items). */
export interface FixedCostProfile extends ProfileBase {
  readonly kind: 'fixed';
  readonly item: FixedCostItem;
  /** How many (clusters, gateways, keys, million requests, GB). */
  readonly quantity: number;
  /** For hourly items: hours per month. */
  readonly hoursPerMonth?: number;
  /** One line on what this is, for the report. */
  readonly description: string;
  /** What the line leaves out, named in the report (e.g. a service the library bundles no price for). */
  readonly assumptions?: readonly string[];
  /**
   * For a KMS key with automatic rotation: days between rotations. Each of the first two rotations
   * adds the `kms-rotation` price a month; later ones add nothing (AWS KMS pricing).
   */
  readonly rotationPeriodDays?: number;
}

/** Every kind of cost profile. */
export type CostProfile = ComputeCostProfile | NodePoolCostProfile | FixedCostProfile;

/** Hours in the average month, as AWS bills and Infracost price (8,760 / 12). */
export const HOURS_PER_MONTH = 730;
