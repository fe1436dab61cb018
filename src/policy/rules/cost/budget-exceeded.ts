import type { PolicyRule } from '../../rule.js';
import { usd } from '../../../cost/cost-report.js';
import { linesInScope } from '../../../cost/budget-evaluation.js';

/** A budget's projected monthly cost is over its limit: a synth error unless acknowledged. */
export const BudgetExceeded: PolicyRule = {
  id: 'budget-exceeded',
  area: 'cost',
  level: 'error',
  description: 'The projected monthly cost of a budget scope is over the budget limit.',
  fix: 'lower node counts or GPU limits, move capacity to spot, pick cheaper instance types, raise the limit, or CostPolicy.acknowledge(construct, { rule: "budget-exceeded", reason })',
  evaluate(ctx) {
    return ctx.budgets
      .filter((b) => b.projectedMonthlyUsd > b.monthlyLimitUsd)
      .map((b) => {
        const top = linesInScope(b.scope, ctx.linesByBudget?.get(b.constructPath) ?? ctx.lines)
          .map((l) => ({ l, v: b.basis === 'EXPECTED' ? l.monthlyUsd.expected : l.monthlyUsd.worstCase }))
          .sort((x, y) => y.v - x.v)
          .slice(0, 3);
        return {
          constructPath: b.constructPath,
          message:
            `${b.basis === 'EXPECTED' ? 'expected' : 'worst-case'} monthly cost ${usd(b.projectedMonthlyUsd)} USD is over the budget limit of ${usd(b.monthlyLimitUsd)} USD ` +
            `(${b.percentOfLimit} %, scope ${b.scope}, basis ${b.basis}). Biggest lines: ` +
            top.map(({ l, v }) => `${l.constructPath} ${l.item}: ${usd(v)}`).join('; '),
          related: [...new Set(top.map(({ l }) => l.constructPath))],
        };
      });
  },
};
