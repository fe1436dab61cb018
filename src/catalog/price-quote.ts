
/** A price and where it came from. */
export interface PriceQuote {
  /** USD per hour for instances; USD per `unit` for fixed items (see {@link FixedPriceQuote}). */
  readonly usdPerHour: number;
  /** Where the price was read: the bundled catalog file and commit, a lock file, or an override. */
  readonly source: string;
  /** The date the price was fetched (YYYY-MM-DD), or null when the source does not say. Never a build or synth date. */
  readonly asOf: string | null;
  readonly note?: string;
  /** Set when a price is assumed, e.g. `on-demand price` for spot with no spot data. */
  readonly assumed?: string;
  /**
   * Set when no source prices the item in the region: the quote's price is 0, the line that uses it
   * says so, and the report warns. Never another region's number.
   */
  readonly unpriced?: string;
}

/** Spot prices over the availability zones of a snapshot; `usdPerHour` is the spot price basis's figure (the median by default). */
export interface SpotQuote extends PriceQuote {
  /** The figure `usdPerHour` is, e.g. `median of 4 AZs` (see SpotPriceBasis). */
  readonly basis: string;
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

/** Items with a fixed price per unit (not instances). */
export type FixedCostItem =
  | 'eks-control-plane'
  | 'eks-control-plane-extended-support'
  | 'nat-gateway'
  | 'nat-gateway-data-gb'
  | 'public-ipv4'
  | 'sqs-requests-million'
  | 'kms-key'
  | 'ebs-gp3-gb-month'
  | 'ebs-gp3-iops-month'
  | 'ebs-gp3-throughput-mibps-month'
  | 'cloudwatch-logs-ingestion-gb'
  | 'cloudwatch-logs-storage-gb-month'
  | 's3-standard-gb-month'
  | 's3-put-requests-thousand'
  | 's3-get-requests-thousand';

/** Items with a fixed price per unit: the cost profile's items, plus what a KMS key's rotations add. */
export type FixedPriceItem = FixedCostItem | 'kms-rotation';

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
  'kms-rotation': 'key-month per rotation (first two rotations)',
  'cloudwatch-logs-ingestion-gb': 'GB ingested (Standard log class)',
  'cloudwatch-logs-storage-gb-month': 'GB-month stored',
  's3-standard-gb-month': 'GB-month (S3 Standard, first 50 TB)',
  's3-put-requests-thousand': '1,000 PUT, COPY, POST or LIST requests',
  's3-get-requests-thousand': '1,000 GET or SELECT requests',
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
