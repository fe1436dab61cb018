import type { IConstruct } from '../core/cdktf.js';
import type { CostProfile } from '../cost/cost-profile.js';
import type { CostLine } from '../cost/tco-engine.js';
import type { BudgetOutcome } from '../cost/cost-report.js';
import type { TerraformView } from './terraform-view.js';

/** What a rule sees: one stack, its cost profiles, priced lines, budget outcomes and synthesized Terraform. */
export interface PolicyContext {
  readonly stack: IConstruct;
  readonly profiles: ReadonlyArray<{ readonly construct: IConstruct; readonly profile: CostProfile }>;
  readonly lines: readonly CostLine[];
  readonly budgets: readonly BudgetOutcome[];
  /** For budgets that span other stacks: every line they cover (this stack's and the others'), by budget path. */
  readonly linesByBudget?: ReadonlyMap<string, readonly CostLine[]>;
  /** The stack's Terraform as written to cdk.tf.json (security rules read it; resolved once per evaluation). */
  readonly terraform: TerraformView;
}

/** A finding before acknowledgements are applied. */
export interface RawFinding {
  readonly constructPath: string;
  readonly message: string;
  /** Constructs whose acknowledgement also covers this finding (e.g. the biggest lines of a budget). */
  readonly related?: readonly string[];
}

/** One policy rule, in the style of cdk-nag: an id, a level, a description and the fix. */
export interface PolicyRule {
  readonly id: string;
  readonly area: 'cost' | 'security';
  readonly level: 'error' | 'warning';
  readonly description: string;
  readonly fix: string;
  evaluate(ctx: PolicyContext): RawFinding[];
}
