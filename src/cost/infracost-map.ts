/**
 * What synth tells `gpu-tco check` about a stack's Infracost view: which Terraform resources belong
 * to which cost-bearing construct, and which of the construct's cost categories Infracost prices
 * from them. Written beside cost-report.json as infracost-map.json; plain data, no cdktf.
 */
import type { CostLine } from './tco-engine.js';
import type { CostProfile } from './cost-profile.js';

/** Version of infracost-map.json. */
export const INFRACOST_MAP_VERSION = '1.0';

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

export interface InfracostMap {
  readonly schemaVersion: string;
  readonly stack: string;
  readonly usageFile: string;
  readonly constructs: readonly MappedConstruct[];
}
