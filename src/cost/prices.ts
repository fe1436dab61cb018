import type { FixedCostItem } from './cost-profile.js';

/** A price with where it came from. */
export interface PriceQuote {
  readonly usdPerHour: number;
  /** Repository/file/commit, lock file or "override". */
  readonly source: string;
  /** Date of the price, or null where the source does not say. */
  readonly asOf: string | null;
  readonly note?: string;
  /** Set when the price is an assumption (e.g. `us-east-1 rate, eu-west-3 not bundled`). */
  readonly assumed?: string;
}

/** A spot price over the availability zones of a snapshot (usdPerHour is the median, capped at on-demand). */
export interface SpotQuote extends PriceQuote {
  readonly min: number;
  readonly median: number;
  readonly max: number;
  readonly azIds: readonly string[];
}

/** A spot-advisor band: savings against on-demand and the interruption frequency bucket. */
export interface SpotBand {
  readonly savingsPercent: number;
  readonly interruption: string;
  readonly interruptionMaxPercent: number;
  readonly source: string;
  readonly asOf: string;
  readonly note: string;
}

/**
 * What the TCO engine needs from a price book, for one region. Fixed items are priced per unit:
 * per hour for control planes, gateways and IPv4 addresses; per GB-month for storage and per GB
 * for NAT data; per million requests for SQS; per key-month for KMS.
 */
export interface Prices {
  readonly region: string;
  onDemand(instanceType: string, where?: { path?: string; prop?: string }): PriceQuote;
  spot(instanceType: string, azIds?: string[]): SpotQuote | undefined;
  spotAdvisor(instanceType: string): SpotBand | undefined;
  fixed(item: FixedCostItem): PriceQuote;
}
