import type { IConstruct } from './cdktf.js';

const byConstruct = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Records why a construct departs from a policy rule on purpose (e.g. an IMDS hop limit of 2 for
 * pods that must read instance metadata). The policy gate treats it as an acknowledgement of
 * `rule` for the construct and its children, with this reason in the report. Constructs use this
 * instead of importing the policy layer (dependencies point one way).
 */
export function justify(construct: IConstruct, rule: string, reason: string): void {
  const map = byConstruct.get(construct) ?? new Map<string, string>();
  map.set(rule, reason);
  byConstruct.set(construct, map);
}

/** The reason `construct` gave for departing from `rule`, if any. */
export function justificationOf(construct: IConstruct, rule: string): string | undefined {
  return byConstruct.get(construct)?.get(rule);
}
