import { Construct } from './cdktf.js';
import type { IConstruct } from './cdktf.js';
import { PropChecker } from './validate.js';

const byConstruct = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Records why a construct departs from a policy rule on purpose (e.g. an IMDS hop limit of 2 for
 * pods that must read instance metadata). The policy gate treats it as an acknowledgement of
 * `rule` for the construct and its children, with this reason in the report. Constructs use this
 * instead of importing the policy layer (dependencies point one way).
 */
export function justify(construct: IConstruct, rule: string, reason: string): void {
  const check = new PropChecker(Construct.isConstruct(construct) ? construct.node.path : '<unknown>');
  if (!Construct.isConstruct(construct)) check.fail('INVALID_CONSTRUCT', 'construct', construct, 'is not a construct', 'the construct that departs from the rule', 'pass the construct itself');
  check.string('rule', rule, { allowed: 'the id of a policy rule, e.g. imds-hop-limit' });
  check.string('reason', reason, { allowed: 'why the construct departs from the rule (it goes into the report)' });
  const map = byConstruct.get(construct) ?? new Map<string, string>();
  map.set(rule, reason);
  byConstruct.set(construct, map);
}

/** The reason `construct` gave for departing from `rule`, if any. */
export function justificationOf(construct: IConstruct, rule: string): string | undefined {
  return byConstruct.get(construct)?.get(rule);
}
