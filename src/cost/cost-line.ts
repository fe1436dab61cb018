/** The priced lines the TCO engine produces, shared by the engine and the commitments that adjust them. */
import type { PriceQuote } from './prices.js';

/** Expected: what the props say will run. Worst case: every pool at its max or limit, spot lost to on-demand. */
export type CostBasis = 'EXPECTED' | 'WORST_CASE';

/** One priced item of one construct. */
export interface CostLine {
  readonly constructPath: string;
  /** What is priced, e.g. `8 x p5.48xlarge on-demand` or `EBS gp3 200 GiB x 2 nodes`. */
  readonly item: string;
  readonly category: 'compute' | 'storage' | 'rework' | 'fixed' | 'commitment';
  readonly tags: Readonly<Record<string, string>>;
  readonly monthlyUsd: { readonly expected: number; readonly worstCase: number };
  /** GPU-hours per month behind the line (compute lines), for unit costs. */
  readonly gpuHours?: { readonly expected: number; readonly worstCase: number };
  /** Slice-hours per month per slice kind (MIG profiles, shared replicas), expected basis. */
  readonly sliceHours?: Readonly<Record<string, number>>;
  /**
   * The on-demand part of a compute line and the instance family it runs on, per basis: what a
   * Savings Plan or Reserved Instance can cover (spot never is).
   */
  readonly onDemand?: { readonly expected: OnDemandUsage; readonly worstCase: OnDemandUsage };
  /** Share of the construct's cost each slice kind carries (1 where absent). */
  readonly sliceCostShare?: Readonly<Record<string, number>>;
  /** Prices used, each with its source and date. */
  readonly prices: readonly PricedAs[];
  /** Assumptions behind the figures, in words. */
  readonly assumptions: readonly string[];
  /** Price items no source prices in the region: the line counts 0 for them (the report warns). */
  readonly unpriced?: readonly string[];
  /**
   * Later increases of the monthly figure (both bases), e.g. a KMS key's first two rotations: from
   * `afterMonths` (months from the start of the projection) on, the line costs `usd` more a month.
   */
  readonly monthlyIncreases?: ReadonlyArray<{ readonly afterMonths: number; readonly usd: number; readonly why: string }>;
}

/** Monthly on-demand spend of a line on one basis, and the family it runs on. */
export interface OnDemandUsage {
  readonly monthlyUsd: number;
  readonly family: string;
}

/** A price a line used. */
export interface PricedAs extends PriceQuote {
  readonly what: string;
}
