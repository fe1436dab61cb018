import type { PolicyRule } from '../../rule.js';
import { linesInScope, scopesOf } from '../../../cost/budget-evaluation.js';
import { byCloseness } from '../../../base/describe.js';

/**
 * A team or cost-center budget that covers no cost line: a typo, a trailing space or a tag that
 * changed would otherwise report 0 and "ok" for ever.
 */
export const BudgetScopeEmpty: PolicyRule = {
  id: 'budget-scope-empty',
  area: 'cost',
  level: 'error',
  description: 'A team or cost-center budget matches no cost line of the stacks it covers.',
  fix: 'scope the budget to a team or cost center the lines carry (BudgetScope.team(name) matches the team cost tag exactly), or CostPolicy.acknowledge(budget, { rule: "budget-scope-empty", reason }) for a budget set up before its team has capacity',
  evaluate(ctx) {
    return ctx.budgets
      .filter((b) => b.scope !== 'stack')
      .flatMap((b) => {
        const lines = ctx.linesByBudget?.get(b.constructPath) ?? ctx.lines;
        if (linesInScope(b.scope, lines).length > 0) return [];
        const ordered = byCloseness(b.scope, scopesOf(lines));
        return [{
          constructPath: b.constructPath,
          message: `scope ${JSON.stringify(b.scope)} matches no cost line of stack(s) ${(b.stacks ?? [ctx.stack.node.id]).join(', ')}, so the budget would read 0 whatever is deployed. Scopes that exist, closest first: ${ordered.length ? ordered.map((s) => JSON.stringify(s)).join(', ') : 'none (no line carries a team or cost-center tag)'}`,
        }];
      });
  },
};
