import type { FixedPriceItem, PriceQuote, SpotAdvisorBand, SpotQuote } from '../catalog/price-quote.js';

export type { PriceQuote, SpotQuote } from '../catalog/price-quote.js';
/** A spot-advisor band: savings against on-demand and the interruption frequency bucket. */
export type SpotBand = SpotAdvisorBand;

/**
 * What the TCO engine needs from a price book, for one region (the catalog's PriceBook is one).
 * Fixed items are priced per unit: per hour for control planes, gateways and IPv4 addresses; per
 * GB-month for storage and per GB for NAT data; per million requests for SQS; per key-month for KMS.
 */
export interface Prices {
  readonly region: string;
  onDemand(instanceType: string, where?: { path?: string; prop?: string }): PriceQuote;
  spot(instanceType: string, azIds?: string[]): SpotQuote | undefined;
  spotAdvisor(instanceType: string): SpotBand | undefined;
  fixed(item: FixedPriceItem): PriceQuote;
}
