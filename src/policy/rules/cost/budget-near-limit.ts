import type { PolicyRule } from '../../rule.js';
import { usd } from '../../../cost/cost-report.js';

/** A budget's projected cost has reached its warning percentage (but not the limit). */
export const BudgetNearLimit: PolicyRule = {
  id: 'budget-near-limit',
  area: 'cost',
  level: 'warning',
  description: 'The projected monthly cost of a budget scope has reached the budget warning threshold.',
  fix: 'plan for the limit: trim capacity or raise the budget before it breaks',
  evaluate(ctx) {
    return ctx.budgets
      .filter((b) => b.projectedMonthlyUsd <= b.monthlyLimitUsd && b.percentOfLimit >= b.warnAtPercent)
      .map((b) => ({
        constructPath: b.constructPath,
        message: `${b.basis === 'EXPECTED' ? 'expected' : 'worst-case'} monthly cost ${usd(b.projectedMonthlyUsd)} USD is ${b.percentOfLimit} % of the budget limit ${usd(b.monthlyLimitUsd)} USD (warning at ${b.warnAtPercent} %, scope ${b.scope})`,
      }));
  },
};
