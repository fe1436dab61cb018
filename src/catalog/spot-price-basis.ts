/**
 * Which figure of a type's spot prices across a region's AZs the cost engine uses. The snapshot
 * and lock files hold one price per AZ ID; capacity lands in the cluster's subnets' AZs, which a
 * VPC whose zones come from a data source does not know at synth: so the basis is a choice.
 */
import { GpuClusterError } from '../base/errors.js';

const AZ_ID = /^[a-z]+\d+(-[a-z]+\d+)?-az\d+$/;

export class SpotPriceBasis {
  /** The median over the region's AZs (the default): half the AZs are cheaper, half dearer. */
  static readonly MEDIAN_AZ = new SpotPriceBasis('median', 'MEDIAN_AZ');
  /** The cheapest AZ: what price-capacity-optimized allocation reaches when that AZ has capacity. */
  static readonly CHEAPEST_AZ = new SpotPriceBasis('cheapest', 'CHEAPEST_AZ');
  /** The mean over the region's AZs. */
  static readonly MEAN_AZ = new SpotPriceBasis('mean', 'MEAN_AZ');

  /**
   * The median over the AZs the cluster's subnets are in, by AZ ID (`use1-az1`; IDs are the same in
   * every account, names such as us-east-1a are not).
   */
  static azIds(azIds: readonly string[]): SpotPriceBasis {
    if (!Array.isArray(azIds) || azIds.length === 0 || azIds.some((az) => typeof az !== 'string' || !AZ_ID.test(az))) {
      throw new GpuClusterError({
        code: 'INVALID_AZ_IDS',
        prop: 'SpotPriceBasis.azIds',
        value: azIds,
        problem: 'must be a non-empty list of availability zone IDs',
        allowed: 'AZ IDs such as use1-az1 (IDs are the same in every account; names such as us-east-1a are not)',
        fix: 'pass the AZ IDs of the cluster subnets (aws ec2 describe-availability-zones shows ZoneId beside ZoneName)',
      });
    }
    return new SpotPriceBasis('median', `azIds(${[...new Set(azIds)].sort().join(',')})`, [...new Set(azIds)].sort());
  }

  private constructor(
    /** The statistic taken over the AZs. */
    readonly statistic: 'median' | 'cheapest' | 'mean',
    /** Stable id, e.g. `MEDIAN_AZ` or `azIds(use1-az1,use1-az2)`. */
    readonly id: string,
    /** The AZ IDs the basis is limited to; undefined: every AZ with a price. */
    readonly azIds?: readonly string[],
  ) {}

  /** The figure of `prices` (sorted ascending, non-empty) on this basis. */
  pick(sorted: readonly number[]): number {
    if (this.statistic === 'cheapest') return sorted[0]!;
    if (this.statistic === 'mean') return sorted.reduce((a, b) => a + b, 0) / sorted.length;
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }

  /**
   * How a report names the figure over the AZ IDs that had a price, e.g. `median of 4 AZs` or
   * `median of the named AZs use1-az1, use1-az2` (a named AZ without a price is not listed).
   */
  describe(zones: readonly string[]): string {
    if (this.azIds) return `${this.statistic} of the named AZs ${zones.join(', ')}`;
    return `${this.statistic} of ${zones.length} AZ${zones.length === 1 ? '' : 's'}`;
  }

  toString(): string {
    return `SpotPriceBasis.${this.id}`;
  }
}
