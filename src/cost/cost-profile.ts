/**
 * What a cost-bearing construct declares about what it will cost: plain data, no prices. The TCO
 * engine prices profiles with the catalog for the stack's region.
 */
export interface ComputeCostProfile {
  readonly kind: 'eks-node-group';
  /** Construct path of the declaring construct. */
  readonly constructPath: string;
  /** Instance types the capacity may use (EC2 API names). */
  readonly instanceTypes: readonly string[];
  /** Node counts. */
  readonly nodes: { readonly min: number; readonly desired: number; readonly max: number };
  /** ON_DEMAND or SPOT. */
  readonly capacityType: 'ON_DEMAND' | 'SPOT';
  /** Hours per month the nodes run (730 = always on). */
  readonly hoursPerMonth: number;
  /** EBS storage per node. */
  readonly storagePerNode: {
    readonly volumeType: 'gp3';
    readonly sizeGiB: number;
    readonly iops: number;
    readonly throughputMiBps: number;
  };
  /** The AWS cost tags the resources carry. */
  readonly tags: Readonly<Record<string, string>>;
}

/** Every kind of cost profile (later issues add node pools and fixed costs). */
export type CostProfile = ComputeCostProfile;

/** Hours in the average month, as AWS bills and Infracost price (8,760 / 12). */
export const HOURS_PER_MONTH = 730;
