/**
 * The PriceBook: every price the cost engine needs for one region, with its source and date.
 * Precedence: overrides in code > the lock file > the bundled snapshot. Nothing is borrowed from
 * another region: an instance type with no price in the region is an error naming the fixes; a
 * fixed-cost item with none is unpriced (its line says so, the report warns; an error with
 * `strictPrices`).
 */
import { GpuClusterError } from '../base/errors.js';
import { closestMatches } from '../base/describe.js';
import { InstanceCatalog } from './instance-catalog.js';
import { SpotPriceBasis } from './spot-price-basis.js';
import { fixedPriceData, pricedRegions, regionSnapshot, spotAdvisorData } from './price-data.js';
import type { RegionSnapshot } from './price-data.js';
import { loadLockFile, referenceDate, staleLockWarning } from './price-lock.js';
import type { LoadedLockFile, PriceLockFile } from './price-lock.js';
import { FIXED_PRICE_ITEMS, FIXED_PRICE_UNITS } from './price-quote.js';
import type { FixedPriceItem, FixedPriceQuote, PriceOverrides, PriceQuote, SpotAdvisorBand, SpotQuote } from './price-quote.js';

/** AWS region codes: `us-east-1`, `us-gov-west-1`. */
export const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d+$/;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
const AZ_ID = /^[a-z]+\d+(-[a-z]+\d+)?-az\d+$/;
const OVERRIDE_SOURCE = 'override in code';

export interface PriceBookOptions {
  /** Prices set in code; they win over the lock file and the snapshot. */
  readonly overrides?: PriceOverrides;
  /** A lock file: its path, or the parsed object. */
  readonly lockFile?: string | PriceLockFile;
  /** Fail instead of leaving a fixed cost unpriced where no source prices it in the region. @default false */
  readonly strictPrices?: boolean;
  /** The reference date for the lock file's 90-day check. @default SOURCE_DATE_EPOCH, else now */
  readonly now?: Date;
  /** Which figure of the AZ spot prices quotes use. @default SpotPriceBasis.MEDIAN_AZ */
  readonly spotPriceBasis?: SpotPriceBasis;
}

/** Where a lookup comes from, for the error: the construct path and prop that named the type. */
export interface PriceLookupSite {
  readonly path?: string;
  readonly prop?: string;
}

interface SpotLayer {
  readonly prices: Readonly<Record<string, number>>;
  /** One price for every AZ (an override given as a number). */
  readonly uniform?: boolean;
  readonly source: string;
  readonly asOf: string | null;
  readonly note?: string;
}

export class PriceBook {
  /** The book for `region`. Throws a GpuClusterError for a string that is not a region code, a bad override or lock file. */
  static forRegion(region: string, options: PriceBookOptions = {}): PriceBook {
    if (typeof region !== 'string' || !REGION_PATTERN.test(region)) {
      throw new GpuClusterError({
        code: 'INVALID_REGION',
        prop: 'region',
        value: region,
        problem: 'is not an AWS region code',
        allowed: 'a region code such as us-east-1, eu-central-1 or us-gov-west-1 (pattern ^[a-z]{2}(-gov)?-[a-z]+-\\d+$)',
        fix: 'set the AwsProvider region (or --region) to a region code',
      });
    }
    return new PriceBook(region, options);
  }

  readonly region: string;
  /** Warnings for the report: a stale lock file, fixed costs no source prices in the region. */
  readonly warnings: string[] = [];
  /** True when the bundled snapshot covers this region. */
  readonly inSnapshot: boolean;

  private readonly overrides: PriceOverrides;
  private readonly lock?: LoadedLockFile;
  private readonly strict: boolean;
  private readonly spotBasis: SpotPriceBasis;
  private snapshotCache?: RegionSnapshot | null;
  private readonly spotCache = new Map<string, SpotQuote | undefined>();
  private readonly advisorCache = new Map<string, SpotAdvisorBand | undefined>();
  private readonly fixedCache = new Map<FixedPriceItem, FixedPriceQuote>();

  private constructor(region: string, options: PriceBookOptions) {
    this.region = region;
    this.overrides = checkPriceOverrides(options.overrides ?? {});
    this.strict = options.strictPrices ?? false;
    this.spotBasis = options.spotPriceBasis ?? SpotPriceBasis.MEDIAN_AZ;
    if (!(this.spotBasis instanceof SpotPriceBasis)) {
      throw new GpuClusterError({ code: 'INVALID_SPOT_PRICE_BASIS', prop: 'spotPriceBasis', value: options.spotPriceBasis, problem: 'is not a SpotPriceBasis', allowed: 'SpotPriceBasis.MEDIAN_AZ, CHEAPEST_AZ, MEAN_AZ or SpotPriceBasis.azIds([...])' });
    }
    if (options.lockFile !== undefined) {
      this.lock = loadLockFile(options.lockFile, region);
      const stale = staleLockWarning(this.lock, options.now ?? referenceDate());
      if (stale) this.warnings.push(stale);
    }
    this.inSnapshot = this.snapshot() !== undefined;
  }

  /** On-demand Linux USD per hour. Throws NO_PRICE_IN_REGION when no source prices the type here. */
  onDemand(instanceType: string, where: PriceLookupSite = {}): PriceQuote {
    const quote = this.findOnDemand(instanceType);
    if (quote) return quote;
    throw this.noPrice(instanceType, where);
  }

  /** True when some source prices the type on demand in this region. */
  hasOnDemand(instanceType: string): boolean {
    return this.findOnDemand(instanceType) !== undefined;
  }

  /**
   * Spot prices over the AZs of the first source that has the type (override, lock file, snapshot),
   * each capped at the on-demand price; `azIds` (AZ IDs such as `use1-az1`) and the spot price basis
   * narrow them. `usdPerHour` is the basis's figure (the median by default). Undefined when no
   * source has the type (or none of the AZs) in this region.
   */
  spot(instanceType: string, azIds?: string[]): SpotQuote | undefined {
    if (azIds !== undefined) checkAzIds(azIds);
    const key = azIds === undefined ? instanceType : `${instanceType}|${[...azIds].sort().join(',')}`;
    if (!this.spotCache.has(key)) this.spotCache.set(key, this.computeSpot(instanceType, azIds));
    return this.spotCache.get(key);
  }

  /**
   * The Spot Instance Advisor band (us-east-1 only; undefined elsewhere and for types it lacks).
   * The extract predates the June 2025 P4/P5 price cut: its note says so.
   */
  spotAdvisor(instanceType: string): SpotAdvisorBand | undefined {
    if (this.region !== 'us-east-1') return undefined;
    if (!this.advisorCache.has(instanceType)) {
      const data = spotAdvisorData();
      const band = Object.prototype.hasOwnProperty.call(data.types, instanceType) ? data.types[instanceType] : undefined;
      this.advisorCache.set(instanceType, band && { ...band, source: data.source, asOf: data.asOf, note: data.note });
    }
    return this.advisorCache.get(instanceType);
  }

  /**
   * USD per unit of a fixed-cost item (`usdPerHour` holds the per-unit price; `unit` names it):
   * per cluster-hour (EKS control plane, standard and extended support), per gateway-hour and per
   * GB processed (NAT gateway), per address-hour (public IPv4), per million requests (SQS), per
   * key-month (KMS), per GB-month (gp3), per IOPS-month above 3,000 and per MiB/s-month above 125
   * (gp3 extras).
   */
  fixed(item: FixedPriceItem): FixedPriceQuote {
    let quote = this.fixedCache.get(item);
    if (!quote) {
      quote = this.computeFixed(item);
      this.fixedCache.set(item, quote);
    }
    return quote;
  }

  private computeFixed(item: FixedPriceItem): FixedPriceQuote {
    if (!FIXED_PRICE_ITEMS.includes(item)) {
      throw new GpuClusterError({
        code: 'UNKNOWN_FIXED_COST_ITEM',
        prop: 'item',
        value: item,
        problem: 'is not a fixed-cost item the price book knows',
        allowed: FIXED_PRICE_ITEMS.join(', '),
      });
    }
    const unit = FIXED_PRICE_UNITS[item];
    const override = this.overrides.fixed?.[item];
    if (override !== undefined) return { usdPerHour: override, unit, source: OVERRIDE_SOURCE, asOf: null };
    const locked = this.lock?.lock.fixed?.[item];
    if (locked !== undefined) return { usdPerHour: locked, unit, ...this.lockOrigin() };
    const bundled = fixedPriceData();
    const entry = own(bundled.regions, this.region)?.[item];
    if (entry) return { usdPerHour: entry.usd, unit, source: entry.source, asOf: entry.asOf, note: entry.note ?? bundled.note };
    const fix = `run \`gpu-tco prices fetch --region ${this.region}\` and commit gpu-prices.lock.json, or override it: PriceBookSettings.of(stack).override({ fixed: { '${item}': <usd per ${unit}> } })`;
    const pricedIn = Object.keys(bundled.regions).filter((r) => bundled.regions[r]![item] !== undefined).sort();
    const why = `no source the library bundles prices ${item} in ${this.region}${pricedIn.length ? ` (bundled for ${pricedIn.join(', ')})` : ''}, and no lock file or override does`;
    if (this.strict) {
      throw new GpuClusterError({ code: 'FIXED_PRICE_NOT_BUNDLED', prop: 'strictPrices', value: item, problem: `${why}; strictPrices forbids leaving it unpriced`, fix });
    }
    this.warnings.push(`${item} is unpriced in ${this.region}: ${why}. Lines using it count 0 for it; ${fix}, or set strictPrices to make this an error`);
    return { usdPerHour: 0, unit, source: 'unpriced', asOf: null, unpriced: `no ${item} price in ${this.region}` };
  }

  private snapshot(): RegionSnapshot | undefined {
    if (this.snapshotCache === undefined) this.snapshotCache = regionSnapshot(this.region) ?? null;
    return this.snapshotCache ?? undefined;
  }

  private lockOrigin(): { source: string; asOf: string } {
    const lock = this.lock!.lock;
    return { source: `${this.lock!.label}: ${lock.source}`, asOf: lock.fetchedAt.slice(0, 10) };
  }

  private findOnDemand(instanceType: string): PriceQuote | undefined {
    const override = own(this.overrides.onDemand, instanceType);
    if (override !== undefined) return { usdPerHour: override, source: OVERRIDE_SOURCE, asOf: null };
    const locked = own(this.lock?.lock.onDemand, instanceType);
    if (locked !== undefined) return { usdPerHour: locked, ...this.lockOrigin() };
    const snap = this.snapshot();
    const bundled = own(snap?.onDemand, instanceType);
    if (bundled !== undefined) return { usdPerHour: bundled, source: snap!.source, asOf: null, note: snap!.note };
    return undefined;
  }

  private computeSpot(instanceType: string, azIds?: string[]): SpotQuote | undefined {
    const layer = this.spotLayer(instanceType);
    if (!layer) return undefined;
    const named = this.spotBasis.azIds;
    const zones = Object.keys(layer.prices)
      .filter((az) => layer.uniform || ((azIds === undefined || azIds.includes(az)) && (named === undefined || named.includes(az))))
      .sort();
    if (zones.length === 0) return undefined;
    const cap = this.findOnDemand(instanceType)?.usdPerHour;
    let capped = 0;
    const prices = zones.map((az) => {
      const p = layer.prices[az]!;
      if (cap !== undefined && p > cap) {
        capped++;
        return cap;
      }
      return p;
    });
    const sorted = [...prices].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    const notes = [layer.note, capped ? `capped at the on-demand price in ${capped} of ${zones.length} AZs` : undefined].filter(Boolean);
    return {
      usdPerHour: this.spotBasis.pick(sorted),
      basis: layer.uniform ? 'one price for every AZ' : this.spotBasis.describe(zones),
      min: sorted[0]!,
      median,
      max: sorted[sorted.length - 1]!,
      azIds: layer.uniform ? (azIds ? [...azIds].sort() : []) : zones,
      source: layer.source,
      asOf: layer.asOf,
      ...(notes.length ? { note: notes.join('; ') } : {}),
    };
  }

  private spotLayer(instanceType: string): SpotLayer | undefined {
    const override = this.overrides.spot?.[instanceType];
    if (override !== undefined) {
      if (typeof override === 'number') return { prices: { '*': override }, uniform: true, source: OVERRIDE_SOURCE, asOf: null };
      return { prices: override, source: OVERRIDE_SOURCE, asOf: null };
    }
    const locked = own(this.lock?.lock.spot, instanceType);
    if (locked) return { prices: locked, ...this.lockOrigin() };
    const snap = this.snapshot();
    const bundled = own(snap?.spot, instanceType);
    if (bundled) return { prices: bundled, source: snap!.source, asOf: null, note: `AZ snapshot, ${snap!.note}` };
    return undefined;
  }

  /**
   * One error for every type with no on-demand price here, each with the constructs that use it
   * and the regions that price it (`missing`: type -> construct paths, in the order found).
   */
  noPrices(missing: ReadonlyMap<string, readonly string[]>): GpuClusterError {
    const types = [...missing.keys()];
    if (types.length === 1) {
      const [type] = types as [string];
      return this.noPrice(type, { path: missing.get(type)![0], prop: 'instanceTypes' });
    }
    const list = types.map((t) => `${t} (used by ${missing.get(t)!.join(', ')}; priced in: ${this.pricedIn(t)})`).join('; ');
    return new GpuClusterError({
      code: 'NO_PRICE_IN_REGION',
      prop: 'instanceTypes',
      value: types,
      problem: `${types.length} instance types have no on-demand price in ${this.region}: ${list}`,
      allowed: `types priced in ${this.region}`,
      fix:
        `pick types sold in ${this.region}, run \`gpu-tco prices fetch --region ${this.region}\` and commit gpu-prices.lock.json, ` +
        `or override the prices: PriceBookSettings.of(stack).override({ onDemand: { '${types[0]}': <usd per hour>, ... } })`,
    });
  }

  /** The regions that price `instanceType` (the snapshot's and the lock file's), sorted. */
  private regionsPricing(instanceType: string): string[] {
    const regions = new Set(pricedRegions(instanceType));
    if (this.lock && own(this.lock.lock.onDemand, instanceType) !== undefined) regions.add(this.lock.lock.region);
    return [...regions].sort();
  }

  /** The regions that price `instanceType`, for an error. */
  private pricedIn(instanceType: string): string {
    const regions = this.regionsPricing(instanceType);
    return regions.length ? regions.join(', ') : 'no bundled region';
  }

  private noPrice(instanceType: string, where: PriceLookupSite): GpuClusterError {
    const regions = this.regionsPricing(instanceType);
    const pricedIn = this.pricedIn(instanceType);
    const snap = this.snapshot();
    let problem: string;
    if (snap?.onDemandMissing.includes(instanceType) || (!regions.length && /^p5e\./.test(instanceType))) {
      problem = `${instanceType} has no on-demand price in ${this.region}: the bundled source sells it but leaves its on-demand price empty, and no lock file or override prices it`;
    } else if (!snap && !this.lock) {
      problem = `${instanceType} has no on-demand price in ${this.region}: the region is not in the bundled snapshot and no lock file or override prices it`;
    } else {
      problem = `${instanceType} has no on-demand price in ${this.region}: no override, lock file or bundled snapshot prices it there (not sold there, or not in the data)`;
    }
    return new GpuClusterError({
      code: 'NO_PRICE_IN_REGION',
      path: where.path,
      prop: where.prop ?? 'instanceType',
      value: instanceType,
      problem,
      allowed: `a type priced in ${this.region}; ${instanceType} is priced in: ${pricedIn}`,
      fix:
        `run \`gpu-tco prices fetch --region ${this.region}\` and commit gpu-prices.lock.json, ` +
        `or override the price: PriceBookSettings.of(stack).override({ onDemand: { '${instanceType}': <usd per hour> } })`,
    });
  }
}

function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function checkAzIds(azIds: unknown, path?: string): void {
  if (!Array.isArray(azIds) || azIds.some((az) => typeof az !== 'string' || !AZ_ID.test(az))) {
    throw new GpuClusterError({
      code: 'INVALID_AZ_IDS',
      path,
      prop: 'azIds',
      value: azIds,
      problem: 'must be a list of availability zone IDs',
      allowed: 'AZ IDs such as use1-az1 (IDs are the same in every account; names such as us-east-1a are not)',
      fix: 'pass AZ IDs (aws ec2 describe-availability-zones shows ZoneId beside ZoneName)',
    });
  }
}

/** The highest price accepted from an override or a lock file: USD an hour per instance, or per unit. */
export const MAX_PRICE_USD = 10_000;

/** Checks price overrides: known keys, positive finite prices up to MAX_PRICE_USD. `path` names the construct that set them. */
export function checkPriceOverrides(o: PriceOverrides, path?: string): PriceOverrides {
  const fail = (prop: string, value: unknown, problem: string, allowed: string, fix?: string): never => {
    throw new GpuClusterError({ code: 'INVALID_PRICE_OVERRIDE', path, prop, value, problem, allowed, fix });
  };
  // The dearest GPU instance lists at about 100 USD an hour: 10,000 bounds every figure a price can
  // reach (a node group of 450 such nodes for 36 months stays a finite, printable number).
  const price = (prop: string, value: unknown) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_PRICE_USD) {
      fail(prop, value, `must be a positive, finite price in USD of at most 10,000 (an hour per instance, or per unit of a fixed item)`, `a number greater than 0 and at most ${MAX_PRICE_USD}`, `set ${prop} to the price AWS charges, or remove the override`);
    }
  };
  const typeKey = (prop: string, key: string) => {
    if (!INSTANCE_TYPE.test(key)) fail(prop, key, 'is not an EC2 instance type name', 'an API name such as g6e.12xlarge');
    if (!InstanceCatalog.gpu(key) && !InstanceCatalog.system(key)) unknownKey(prop, key, 'instance type the library prices', catalogTypeNames(), path);
  };
  if (o === null || typeof o !== 'object') fail('overrides', o, 'must be an object', '{ onDemand?, spot?, fixed? }');
  for (const [type, usd] of Object.entries(o.onDemand ?? {})) {
    typeKey('overrides.onDemand', type);
    price(`overrides.onDemand["${type}"]`, usd);
  }
  for (const [type, spot] of Object.entries(o.spot ?? {})) {
    typeKey('overrides.spot', type);
    if (spot === null || typeof spot !== 'object' || Object.keys(spot).length === 0) {
      price(`overrides.spot["${type}"]`, spot);
    } else {
      checkAzIds(Object.keys(spot), path);
      for (const [az, usd] of Object.entries(spot)) price(`overrides.spot["${type}"]["${az}"]`, usd);
    }
  }
  for (const [item, usd] of Object.entries(o.fixed ?? {})) {
    if (!FIXED_PRICE_ITEMS.includes(item as FixedPriceItem)) unknownKey('overrides.fixed', item, 'fixed-cost item', FIXED_PRICE_ITEMS, path);
    price(`overrides.fixed["${item}"]`, usd);
  }
  return o;
}

let typeNames: string[] | undefined;
function catalogTypeNames(): string[] {
  return (typeNames ??= [...InstanceCatalog.gpuTypes(), ...InstanceCatalog.systemTypes()].map((t) => t.name));
}

/** An override key that names nothing the price book looks up would be ignored without a word. */
function unknownKey(prop: string, key: string, what: string, known: readonly string[], path?: string): never {
  const close = closestMatches(key, known);
  throw new GpuClusterError({
    code: 'UNKNOWN_OVERRIDE_KEY',
    path,
    prop,
    value: key,
    problem: `is not a${/^[aeiou]/.test(what) ? 'n' : ''} ${what}, so the override would never be used`,
    allowed: close.length ? `a known name; closest: ${close.join(', ')}` : `a known name (${known.length <= 12 ? known.join(', ') : 'see InstanceCatalog.gpuTypes() and InstanceCatalog.systemTypes()'})`,
    fix: close.length ? `use ${close[0]}` : 'correct the name',
  });
}
