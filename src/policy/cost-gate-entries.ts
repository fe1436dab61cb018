/**
 * What the cost gate reads of the constructs that register with it. CostBudget and CostCommitment
 * implement these and call CostGate.addBudget / addCommitment; the gate itself imports neither.
 */
import type { IConstruct, TerraformStack } from '../core/cdktf.js';
import type { CostBasis } from '../cost/cost-line.js';
import type { Commitment } from '../cost/commitments.js';

/** A budget the gate evaluates (CostBudget). */
export interface GatedBudget extends IConstruct {
  readonly monthlyLimitUsd: number;
  readonly basis: CostBasis;
  readonly warnAtPercent: number;
  readonly scope: { readonly id: string };
  readonly includeStacks: readonly TerraformStack[];
}

/** A commitment the gate applies to the stack's on-demand usage (CostCommitment). */
export interface GatedCommitment extends IConstruct {
  toCommitment(): Commitment;
}
