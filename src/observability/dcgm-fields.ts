import { metricNames } from './promql.js';
import type { RuleGroup } from './rules/rule-types.js';

/** DCGM fields and the exporter's own series are named so; everything else comes from elsewhere. */
const DCGM_NAME = /^DCGM_(FI|EXP)_[A-Z0-9_]+$/;

/** The DCGM fields (`DCGM_FI_*`, `DCGM_EXP_*`) the expressions of `groups` read, parsed from the PromQL. */
export function dcgmFieldsUsed(groups: readonly RuleGroup[]): string[] {
  const fields = new Set<string>();
  for (const g of groups) for (const r of g.rules) for (const m of metricNames(r.expr)) if (DCGM_NAME.test(m)) fields.add(m);
  return [...fields].sort();
}

/**
 * The DCGM fields the rules read that `exported` lacks: a rule on a field the exporter does not
 * collect never fires. `exported` is a field list or a dcgm-exporter counters CSV.
 */
export function missingDcgmFields(groups: readonly RuleGroup[], exported: readonly string[] | string): string[] {
  const have = new Set(typeof exported === 'string' ? parseCountersCsv(exported) : exported);
  return dcgmFieldsUsed(groups).filter((f) => !have.has(f));
}

/** The fields a dcgm-exporter counters CSV enables (`FIELD, type, help`; `#` lines are comments). */
export function parseCountersCsv(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(',')[0]!.trim());
}
