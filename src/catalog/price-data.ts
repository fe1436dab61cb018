/**
 * Lazy loaders for the bundled price data (src/catalog/data, see PRICES-SOURCES.md). Each file is
 * read on first use and kept, so importing the package costs nothing and each region loads once.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { FixedPriceItem } from './price-quote.js';

/** One region of the bundled snapshot, as scripts/generate-catalog.ts writes it. */
export interface RegionSnapshot {
  readonly region: string;
  readonly source: string;
  readonly note: string;
  readonly onDemand: Readonly<Record<string, number>>;
  /** Types sold in the region whose on-demand price the source leaves empty (p5e.48xlarge). */
  readonly onDemandMissing: readonly string[];
  /** Spot USD per hour by type and AZ ID. */
  readonly spot: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface SpotAdvisorData {
  readonly region: string;
  readonly source: string;
  readonly asOf: string;
  readonly note: string;
  readonly types: Readonly<Record<string, { savingsPercent: number; interruption: string; interruptionMaxPercent: number }>>;
}

/** Fixed-cost prices per region, as scripts/generate-fixed-prices.ts writes them: only sourced values. */
export interface FixedPriceData {
  readonly note: string;
  readonly regions: Readonly<Record<string, Readonly<Partial<Record<FixedPriceItem, { usd: number; source: string; asOf: string | null; note?: string }>>>>>;
}

const regions = new Map<string, RegionSnapshot | undefined>();
let availability: Readonly<Record<string, readonly string[]>> | undefined;
let advisor: SpotAdvisorData | undefined;
let fixed: FixedPriceData | undefined;

function readJson<T>(relative: string): T {
  return JSON.parse(readFileSync(join(__dirname, relative), 'utf8')) as T;
}

/** The bundled snapshot of `region` (a validated region code), or undefined when it is not bundled. */
export function regionSnapshot(region: string): RegionSnapshot | undefined {
  if (!regions.has(region)) {
    let data: RegionSnapshot | undefined;
    try {
      data = readJson<RegionSnapshot>(`./data/prices/${region}.json`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    regions.set(region, data);
  }
  return regions.get(region);
}

/** The snapshot regions where each type has an on-demand price. */
export function pricedRegions(instanceType: string): readonly string[] {
  availability ??= readJson<Record<string, string[]>>('./data/prices/availability.json');
  return Object.prototype.hasOwnProperty.call(availability, instanceType) ? availability[instanceType]! : [];
}

export function spotAdvisorData(): SpotAdvisorData {
  return (advisor ??= readJson<SpotAdvisorData>('./data/spot-advisor-us-east-1.json'));
}

export function fixedPriceData(): FixedPriceData {
  return (fixed ??= readJson<FixedPriceData>('./data/fixed-prices.json'));
}
