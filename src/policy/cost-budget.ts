import { Construct, TerraformStack } from '../core/cdktf.js';
import { PropChecker } from '../core/validate.js';
import { GpuClusterError } from '../base/errors.js';
import type { CostBasis } from '../cost/tco-engine.js';
import { CostGate } from './cost-gate.js';
import type { GatedBudget } from './cost-gate-entries.js';

/** Which figure a budget compares with its limit. */
export const BudgetBasis = {
  /** What the props say will run: desired counts, stated usage and spot share. */
  EXPECTED: 'EXPECTED',
  /** Every pool at its max or GPU limit, spot lost to on-demand. */
  WORST_CASE: 'WORST_CASE',
} as const;
export type BudgetBasis = CostBasis;

/** What a budget covers: the whole stack, one team tag or one cost-center tag. */
export class BudgetScope {
  /** Every cost line of the stack. */
  static stack(): BudgetScope {
    return new BudgetScope('stack');
  }
  /** Lines tagged `team=<name>`. */
  static team(name: string): BudgetScope {
    return BudgetScope.tagged('team', name, 'BudgetScope.team');
  }
  /** Lines tagged `cost-center=<name>`. */
  static costCenter(name: string): BudgetScope {
    return BudgetScope.tagged('cost-center', name, 'BudgetScope.costCenter');
  }

  private static tagged(key: string, name: string, what: string): BudgetScope {
    new PropChecker(what).literal('name', name, `a budget matches the ${key} tag of cost lines at synth, when a token has no value yet`);
    if (typeof name !== 'string' || name.trim() === '') {
      throw new GpuClusterError({ code: 'INVALID_BUDGET_SCOPE', prop: what, value: name, problem: 'needs a non-blank tag value', allowed: `the ${key} tag value of the lines to cover`, fix: `${what}('search')` });
    }
    return new BudgetScope(`${key}=${name}`);
  }

  /** `stack`, `team=<name>` or `cost-center=<name>`. */
  private constructor(readonly id: string) {}

  toString(): string {
    return this.id;
  }
}

/** Props of a CostBudget. */
export interface CostBudgetProps {
  /** The monthly limit, USD. */
  readonly monthlyLimitUsd: number;
  /** Which figure is compared with the limit. */
  readonly basis: BudgetBasis;
  /**
   * Percent of the limit at which synth warns.
   * @default 80
   */
  readonly warnAtPercent?: number;
  /**
   * What the budget covers.
   * @default BudgetScope.stack()
   */
  readonly scope?: BudgetScope;
  /**
   * Other stacks whose cost lines count toward the budget, besides the stack it is in (a
   * GpuCluster's budget covers its cluster stack and its add-ons stack). Each is priced in its
   * own region.
   * @default []
   */
  readonly includeStacks?: TerraformStack[];
}

/**
 * A monthly budget checked at synth: over the limit is a synth error (unless acknowledged with
 * `CostPolicy.acknowledge`), at `warnAtPercent` a warning. Reported in cost-report.json.
 *
 * @example
 * new CostBudget(stack, 'ml-budget', { monthlyLimitUsd: 50_000, basis: BudgetBasis.WORST_CASE, scope: BudgetScope.team('search') });
 */
export class CostBudget extends Construct implements GatedBudget {
  readonly monthlyLimitUsd: number;
  readonly basis: BudgetBasis;
  readonly warnAtPercent: number;
  readonly scope: BudgetScope;
  /** The other stacks the budget covers. */
  readonly includeStacks: readonly TerraformStack[];

  constructor(scope: Construct, id: string, props: CostBudgetProps) {
    super(scope, id);
    const check = new PropChecker(this.node.path);
    if (props === null || typeof props !== 'object') check.fail('MISSING_PROPS', 'props', props, 'are required', '{ monthlyLimitUsd, basis }');
    this.monthlyLimitUsd = check.number('monthlyLimitUsd', props.monthlyLimitUsd, { min: 0, max: 1e12, fix: 'set monthlyLimitUsd to the monthly limit in USD, e.g. 50_000' });
    this.basis = check.oneOf('basis', props.basis, [BudgetBasis.EXPECTED, BudgetBasis.WORST_CASE], 'use BudgetBasis.EXPECTED or BudgetBasis.WORST_CASE');
    this.warnAtPercent = check.number('warnAtPercent', props.warnAtPercent ?? 80, { min: 0, max: 100 });
    if (props.scope !== undefined && !(props.scope instanceof BudgetScope)) {
      check.fail('INVALID_BUDGET_SCOPE', 'scope', props.scope, 'is not a BudgetScope', 'BudgetScope.stack(), BudgetScope.team(name), BudgetScope.costCenter(name)');
    }
    this.scope = props.scope ?? BudgetScope.stack();
    const own = TerraformStack.of(this);
    const include = props.includeStacks ?? [];
    if (!Array.isArray(include) || include.some((s) => !TerraformStack.isStack(s))) {
      check.fail('INVALID_BUDGET_STACKS', 'includeStacks', include, 'must be a list of TerraformStacks', 'stacks of the same App', 'pass the stacks whose costs count toward this budget, e.g. [clusterStack]');
    }
    this.includeStacks = [...new Set(include.filter((s) => s !== own))];
    CostGate.ensure(this).addBudget(this);
  }
}
