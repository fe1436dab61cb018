import type { PolicyRule } from './rule.js';
import { BudgetExceeded } from './rules/cost/budget-exceeded.js';
import { BudgetNearLimit } from './rules/cost/budget-near-limit.js';
import { MissingCostTags } from './rules/cost/missing-cost-tags.js';

/** Cost rules, on by default. */
export const COST_PACK: readonly PolicyRule[] = [BudgetExceeded, BudgetNearLimit, MissingCostTags];

/** Every rule the synth gate runs. */
export const DEFAULT_RULES: readonly PolicyRule[] = [...COST_PACK];
