import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PriceBook, checkPriceOverrides } from '../catalog/price-book.js';
import type { PriceBookOptions } from '../catalog/price-book.js';
import type { PriceLockFile } from '../catalog/price-lock.js';
import type { PriceOverrides } from '../catalog/price-quote.js';
import { GpuClusterError } from '../base/errors.js';
import { Construct, TerraformStack } from '../core/cdktf.js';
import type { IConstruct } from '../core/cdktf.js';
import { pricingRegion } from '../core/region.js';
import { SpotPriceBasis } from '../catalog/spot-price-basis.js';
import type { PricingRegionOptions } from '../core/region.js';

/** The lock file a stack uses when none is set: this file in the working directory, if it exists. */
export const DEFAULT_LOCK_FILE = 'gpu-prices.lock.json';

const settingsByStack = new WeakMap<IConstruct, PriceBookSettings>();

/**
 * Per-stack price settings: overrides in code, the lock file and strictPrices. The price book of a
 * stack resolves them with the stack's pricing region; overrides > lock file > bundled snapshot.
 *
 *   PriceBookSettings.of(stack).override({ onDemand: { 'g6e.12xlarge': 9.8 } }).lockFile('prices/eu.lock.json');
 */
export class PriceBookSettings {
  /** The settings of the stack that holds `scope` (created on first use). */
  static of(scope: IConstruct): PriceBookSettings {
    if (!Construct.isConstruct(scope)) {
      throw new GpuClusterError({ code: 'INVALID_CONSTRUCT', prop: 'scope', value: scope, problem: 'is not a construct', allowed: 'a stack or a construct inside one', fix: 'pass the stack whose prices you set' });
    }
    const stack = TerraformStack.of(scope);
    let settings = settingsByStack.get(stack);
    if (!settings) {
      settings = new PriceBookSettings(stack);
      settingsByStack.set(stack, settings);
    }
    return settings;
  }

  private overrides: { onDemand: Record<string, number>; spot: Record<string, number | Record<string, number>>; fixed: Record<string, number> } = {
    onDemand: {},
    spot: {},
    fixed: {},
  };
  private lock: string | PriceLockFile | false | undefined;
  private strict = false;
  private spotBasis = SpotPriceBasis.MEDIAN_AZ;
  private explicitRegion?: string;
  private readonly books = new Map<string, PriceBook>();

  private constructor(private readonly stack: IConstruct) {}

  /** Adds prices set in code (checked now: positive, finite); a later call wins per key. */
  override(overrides: PriceOverrides): this {
    checkPriceOverrides(overrides, this.stack.node.path);
    Object.assign(this.overrides.onDemand, overrides.onDemand);
    Object.assign(this.overrides.spot, overrides.spot);
    Object.assign(this.overrides.fixed, overrides.fixed);
    return this.changed();
  }

  /**
   * The price lock file: a path (relative to the working directory), the parsed object, or false for
   * none. @default `gpu-prices.lock.json` in the working directory when it exists
   */
  lockFile(file: string | PriceLockFile | false): this {
    if (file !== false && (typeof file !== 'string' || file.trim() === '') && (file === null || typeof file !== 'object')) {
      throw new GpuClusterError({
        code: 'INVALID_STRING',
        path: this.stack.node.path,
        prop: 'lockFile',
        value: file,
        problem: 'must be a path, a parsed lock file or false',
        allowed: 'a path such as gpu-prices.lock.json, the parsed object, or false',
      });
    }
    this.lock = file;
    return this.changed();
  }

  /** Make a fixed cost no source prices in the region an error (FIXED_PRICE_NOT_BUNDLED) instead of an unpriced line. @default false */
  strictPrices(strict = true): this {
    if (typeof strict !== 'boolean') {
      throw new GpuClusterError({ code: 'INVALID_BOOLEAN', path: this.stack.node.path, prop: 'strictPrices', value: strict, problem: 'must be true or false', allowed: 'true or false' });
    }
    this.strict = strict;
    return this.changed();
  }

  /**
   * Which figure of a type's AZ spot prices the cost engine uses; the report names it.
   * @default SpotPriceBasis.MEDIAN_AZ
   */
  spotPriceBasis(basis: SpotPriceBasis): this {
    if (!(basis instanceof SpotPriceBasis)) {
      throw new GpuClusterError({ code: 'INVALID_SPOT_PRICE_BASIS', path: this.stack.node.path, prop: 'spotPriceBasis', value: basis, problem: 'is not a SpotPriceBasis', allowed: 'SpotPriceBasis.MEDIAN_AZ, SpotPriceBasis.CHEAPEST_AZ, SpotPriceBasis.MEAN_AZ or SpotPriceBasis.azIds([...])' });
    }
    this.spotBasis = basis;
    return this.changed();
  }

  /** Names the pricing region where the AwsProvider's region is a token or unset. */
  region(region: string): this {
    PriceBook.forRegion(region); // checks the code
    this.explicitRegion = region;
    return this.changed();
  }

  /** The options a PriceBook is built with for this stack. */
  options(): PriceBookOptions {
    let lockFile: string | PriceLockFile | undefined;
    if (this.lock === undefined) lockFile = existsSync(resolve(DEFAULT_LOCK_FILE)) ? DEFAULT_LOCK_FILE : undefined;
    else if (this.lock !== false) lockFile = this.lock;
    return {
      overrides: this.overrides,
      strictPrices: this.strict,
      spotPriceBasis: this.spotBasis,
      ...(lockFile !== undefined ? { lockFile } : {}),
    };
  }

  /**
   * The price book for `construct` (default: the stack), in its pricing region; built once per
   * region and lock file contents (a lock file rewritten between two synths of one app is read again).
   */
  priceBook(construct: IConstruct = this.stack, options: PricingRegionOptions = {}): PriceBook {
    const region = this.explicitRegion ?? pricingRegion(construct, options);
    if (this.explicitRegion !== undefined) this.checkNoConflict(construct, options);
    const key = `${region}|${this.lockFingerprint()}`;
    let book = this.books.get(key);
    if (!book) {
      book = PriceBook.forRegion(region, this.options());
      this.books.set(key, book);
    }
    return book;
  }

  /**
   * Everything in these settings that can change a figure: overrides, strictness, the region named
   * and the lock file's contents. The cost gate's cache key includes it.
   */
  fingerprint(): string {
    return JSON.stringify([this.overrides, this.strict, this.explicitRegion ?? null, this.spotBasis.id, this.lockFingerprint()]);
  }

  /** A named region may stand in for a token or missing one, never contradict a literal provider region. */
  private checkNoConflict(construct: IConstruct, options: PricingRegionOptions): void {
    let literal: string | undefined;
    try {
      literal = pricingRegion(construct, options);
    } catch {
      return; // no literal region: the named one stands in for it
    }
    if (literal === this.explicitRegion) return;
    throw new GpuClusterError({
      code: 'REGION_CONFLICT',
      path: this.stack.node.path,
      prop: 'region',
      value: this.explicitRegion,
      problem: `names ${this.explicitRegion} for prices, but the stack's AwsProvider deploys to ${literal}: the stack would be priced in one region and deployed in another`,
      allowed: `${literal} (the provider's region), or a region only where the provider's region is a token or unset`,
      fix: `drop PriceBookSettings.of(stack).region('${this.explicitRegion}'), or change the provider's region`,
    });
  }

  private lockFingerprint(): string {
    const lock = this.options().lockFile;
    if (lock === undefined) return '-';
    if (typeof lock !== 'string') return JSON.stringify(lock);
    try {
      return readFileSync(resolve(lock), 'utf8');
    } catch {
      return `unreadable ${lock}`; // loadLockFile reports it
    }
  }

  /** Counts changes to these settings (the cost gate's per-pass cache compares it). */
  get version(): number {
    return this.changes;
  }

  private changes = 0;

  private changed(): this {
    this.books.clear();
    this.changes++;
    return this;
  }
}
