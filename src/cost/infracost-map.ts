/**
 * What synth tells `gpu-tco check` about a stack's Infracost view: which Terraform resources belong
 * to which cost-bearing construct, and which of the construct's cost categories Infracost prices
 * from them. Written beside cost-report.json as infracost-map.json; plain data, no cdktf.
 */
import type { CostLine } from './tco-engine.js';
import type { CostProfile } from './cost-profile.js';
import type { Commitment } from './commitments.js';

/** Version of infracost-map.json (1.1 added `lines` and `commitments`). */
export const INFRACOST_MAP_VERSION = '1.1';

/** The per-stack usage file Infracost reads (`usage_file` in infracost.yml). */
export const INFRACOST_USAGE_FILE = 'infracost-usage.yml';
export const INFRACOST_MAP_FILE = 'infracost-map.json';

export type CostCategory = CostLine['category'];

/** One cost-bearing construct as Infracost sees it. */
export interface MappedConstruct {
  readonly constructPath: string;
  readonly kind: CostProfile['kind'];
  /** Terraform addresses (`type.logical_id`) of the construct's resources that Infracost prices. */
  readonly addresses: readonly string[];
  /** Categories of the construct's cost lines Infracost prices from those resources. */
  readonly infracostPrices: readonly CostCategory[];
  /** Why the other categories are the library's alone. */
  readonly libraryOnly: readonly string[];
}

/** A cost line before commitments, as much of it as `check` needs to price it again. */
export type MappedLine = Pick<CostLine, 'constructPath' | 'category' | 'tags' | 'monthlyUsd' | 'onDemand' | 'unpriced'>;

export interface InfracostMap {
  readonly schemaVersion: string;
  readonly stack: string;
  readonly usageFile: string;
  readonly constructs: readonly MappedConstruct[];
  /**
   * The stack's cost lines before commitments, in the engine's order: `check` replaces the
   * figures Infracost prices and applies `commitments` to the result as synth did.
   */
  readonly lines?: readonly MappedLine[];
  /** The stack's Savings Plans and Reserved Instances. */
  readonly commitments?: readonly Commitment[];
}

/** The lines a map carries (commitment lines are made again from `commitments`). */
export function mappedLines(lines: readonly CostLine[]): MappedLine[] {
  return lines
    .filter((l) => l.category !== 'commitment')
    .map((l) => ({ constructPath: l.constructPath, category: l.category, tags: l.tags, monthlyUsd: l.monthlyUsd, ...(l.onDemand ? { onDemand: l.onDemand } : {}), ...(l.unpriced ? { unpriced: l.unpriced } : {}) }));
}
