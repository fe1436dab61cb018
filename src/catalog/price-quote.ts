import type { FixedCostItem } from '../cost/cost-profile.js';

/** A price and where it came from. */
export interface PriceQuote {
  /** USD per hour for instances; USD per `unit` for fixed items (see {@link FixedPriceQuote}). */
  readonly usdPerHour: number;
  /** Where the price was read: the bundled catalog file and commit, a lock file, or an override. */
  readonly source: string;
  /** The date the price was fetched (YYYY-MM-DD), or null when the source does not say. Never a build or synth date. */
  readonly asOf: string | null;
  readonly note?: string;
  /** Set when a price is assumed, e.g. `us-east-1 rate, eu-west-3 not bundled`. */
  readonly assumed?: string;
}

/** Spot prices over the availability zones of a snapshot; `usdPerHour` is the median. */
export interface SpotQuote extends PriceQuote {
  readonly min: number;
  readonly median: number;
  readonly max: number;
  /** AZ IDs (e.g. `use1-az1`) the figures cover, sorted. */
  readonly azIds: string[];
}

/** Savings and interruption band from the AWS Spot Instance Advisor. */
export interface SpotAdvisorBand {
  readonly savingsPercent: number;
  /** Interruption frequency band, e.g. `5-10%`. */
  readonly interruption: string;
  readonly interruptionMaxPercent: number;
  readonly source: string;
  readonly asOf: string;
  readonly note: string;
}

/**
 * Items with a fixed price per unit. The cost profile's items, plus the gp3 extras a node volume
 * pays for above its free baseline.
 */
export type FixedPriceItem = FixedCostItem | 'ebs-gp3-iops-month' | 'ebs-gp3-throughput-mibps-month';

/** The unit each fixed item is priced in (the quote's `usdPerHour` is USD per this unit). */
export const FIXED_PRICE_UNITS: Readonly<Record<FixedPriceItem, string>> = {
  'eks-control-plane': 'cluster-hour',
  'eks-control-plane-extended-support': 'cluster-hour',
  'nat-gateway': 'gateway-hour',
  'nat-gateway-data-gb': 'GB processed',
  'public-ipv4': 'address-hour',
  'sqs-requests-million': 'million requests',
  'kms-key': 'key-month',
  'ebs-gp3-gb-month': 'GB-month',
  'ebs-gp3-iops-month': 'provisioned IOPS-month above 3,000',
  'ebs-gp3-throughput-mibps-month': 'provisioned MiB/s-month above 125',
};

/** Every fixed item, in a stable order. */
export const FIXED_PRICE_ITEMS = Object.keys(FIXED_PRICE_UNITS) as FixedPriceItem[];

/** A fixed-cost price: `usdPerHour` holds USD per `unit` (per hour only for hourly items). */
export interface FixedPriceQuote extends PriceQuote {
  readonly unit: string;
}

/** Prices set in code; they win over the lock file and the bundled snapshot. */
export interface PriceOverrides {
  /** On-demand USD per hour by instance type. */
  readonly onDemand?: Readonly<Record<string, number>>;
  /** Spot USD per hour by instance type: one figure, or one per AZ ID. */
  readonly spot?: Readonly<Record<string, number | Readonly<Record<string, number>>>>;
  /** Fixed-cost USD per unit (see FIXED_PRICE_UNITS). */
  readonly fixed?: Readonly<Partial<Record<FixedPriceItem, number>>>;
}
