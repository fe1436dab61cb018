import type { PropChecker } from '../core/validate.js';
import { isLabelKey, isLabelValue } from '../base/labels.js';

/** A Kubernetes toleration, as pods carry it. */
export interface Toleration {
  /**
   * Taint key; empty with `operator: 'Exists'` tolerates every taint.
   * @default - every key (only with operator Exists)
   */
  readonly key?: string;
  /**
   * `Equal` matches key and value, `Exists` the key alone.
   * @default 'Equal'
   */
  readonly operator?: 'Equal' | 'Exists';
  /**
   * Taint value (with `Equal`).
   * @default ''
   */
  readonly value?: string;
  /**
   * Taint effect to tolerate.
   * @default - every effect
   */
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/**
 * The taint GpuNodeGroup and GpuNodePool put on GPU nodes (`nvidia.com/gpu=true:NoSchedule`),
 * tolerated by key so that a different value still matches.
 */
export const GPU_TAINT_TOLERATION: Toleration = { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' };

/** Checks a list of tolerations prop by prop. */
export function checkTolerations(check: PropChecker, prop: string, given: unknown): Toleration[] {
  if (given === undefined) return [];
  if (!Array.isArray(given)) check.fail('INVALID_TOLERATIONS', prop, given, 'must be a list', 'a list of { key, operator, value, effect }', `pass ${prop}: [] for none`);
  return given.map((t: unknown, i) => {
    const at = `${prop}[${i}]`;
    if (t === null || typeof t !== 'object' || Array.isArray(t)) check.fail('INVALID_TOLERATIONS', at, t, 'must be an object', '{ key, operator, value, effect }', 'describe each toleration as { key, operator, value, effect }');
    const tol = t as Record<string, unknown>;
    const operator = tol.operator === undefined ? 'Equal' : check.oneOf(`${at}.operator`, tol.operator, ['Equal', 'Exists'] as const);
    if (tol.key !== undefined && (typeof tol.key !== 'string' || !isLabelKey(tol.key))) {
      check.fail('INVALID_TOLERATIONS', `${at}.key`, tol.key, 'is not a valid taint key', 'a Kubernetes label key such as example.com/dedicated', 'use the key of the taint on your nodes');
    }
    if (tol.key === undefined && operator !== 'Exists') {
      check.fail('INVALID_TOLERATIONS', `${at}.key`, tol.key, 'may be left out only with operator Exists (tolerate every taint)', 'a taint key, or operator: "Exists"', 'give the key of the taint');
    }
    if (tol.value !== undefined) {
      if (typeof tol.value !== 'string' || !isLabelValue(tol.value)) check.fail('INVALID_TOLERATIONS', `${at}.value`, tol.value, 'is not a valid taint value', 'up to 63 letters, digits, -, _ and .', 'use the value of the taint on your nodes');
      if (operator === 'Exists' && tol.value !== '') check.fail('INVALID_TOLERATIONS', `${at}.value`, tol.value, 'must be empty with operator Exists', 'no value with Exists', 'drop the value or use operator Equal');
    }
    if (tol.effect !== undefined) check.oneOf(`${at}.effect`, tol.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const);
    const out: Record<string, string> = {};
    if (tol.key !== undefined) out.key = tol.key as string;
    out.operator = operator;
    if (tol.value !== undefined) out.value = tol.value as string;
    if (tol.effect !== undefined) out.effect = tol.effect as string;
    return out as Toleration;
  });
}
