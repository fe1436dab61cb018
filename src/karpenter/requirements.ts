import { PropChecker } from '../core/validate.js';
import { isLabelKey, isLabelValue } from '../base/labels.js';
import type { NodeRequirement } from './pool-types.js';

/** A list of node selector requirements (undefined: none), each checked. */
export function checkRequirements(check: PropChecker, prop: string, given: unknown): NodeRequirement[] {
  if (given === undefined) return [];
  if (!Array.isArray(given)) check.fail('INVALID_REQUIREMENT', prop, given, 'must be a list', 'a list of { key, operator, values? }', `pass ${prop}: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['g6e.12xlarge'] }]`);
  return given.map((r, i) => checkRequirement(check, `${prop}[${i}]`, r as NodeRequirement));
}

/** One node selector requirement: a label key, a known operator and values that fit it. */
export function checkRequirement(check: PropChecker, prop: string, r: NodeRequirement): NodeRequirement {
  if (r === null || typeof r !== 'object' || Array.isArray(r)) check.fail('INVALID_REQUIREMENT', prop, r, 'must be an object', '{ key, operator, values? }');
  if (typeof r.key !== 'string' || !isLabelKey(r.key)) check.fail('INVALID_REQUIREMENT', `${prop}.key`, r.key, 'is not a label key', 'a Kubernetes label key');
  const op = check.oneOf(`${prop}.operator`, r.operator, ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt', 'Gte', 'Lte'] as const);
  const values = r.values ?? [];
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string' || !isLabelValue(v))) check.fail('INVALID_REQUIREMENT', `${prop}.values`, r.values, 'must be a list of label values', 'strings of up to 63 letters, digits, - _ .');
  if (op === 'In' && values.length === 0) check.fail('INVALID_REQUIREMENT', `${prop}.values`, values, "must not be empty with operator 'In'", 'one or more values');
  if (['Gt', 'Lt', 'Gte', 'Lte'].includes(op) && !(values.length === 1 && /^[0-9]+$/.test(values[0]!))) check.fail('INVALID_REQUIREMENT', `${prop}.values`, values, `must be one non-negative integer with operator '${op}'`, 'e.g. ["4"]');
  if ((op === 'Exists' || op === 'DoesNotExist') && values.length) check.fail('INVALID_REQUIREMENT', `${prop}.values`, values, `must be empty with operator '${op}'`, '[] or unset');
  return r;
}
