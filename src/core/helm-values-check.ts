import type { PropChecker } from './validate.js';
import { Token } from './cdktf.js';

/**
 * Checks an `additionalValues` prop: an object of chart values whose leaves are what YAML carries
 * as data (strings, finite numbers, booleans, null, lists and maps of them). NaN and Infinity would
 * reach the chart as `.nan` / `.inf`, `undefined` vanishes, and a function or class instance has no
 * YAML form: each is a GpuClusterError naming its path. Unresolved tokens pass (known at apply).
 */
export function checkHelmValues(check: PropChecker, prop: string, given: unknown, example = '{ resources: {...} }'): Record<string, unknown> | undefined {
  if (given === undefined) return undefined;
  if (!isPlainMap(given)) {
    check.fail('INVALID_HELM_VALUES', prop, given, 'must be an object of chart values', `an object such as ${example}`, "pass the values as an object keyed like the chart's values.yaml");
  }
  const walk = (value: unknown, at: string): void => {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) check.fail('INVALID_HELM_VALUES', at, value, 'is not a finite number', 'strings, finite numbers, booleans, null, lists and maps', 'give the number the chart expects, or a string');
      return;
    }
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${at}[${i}]`));
    if (isPlainMap(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, `${at}.${k}`);
      return;
    }
    if (Token.isUnresolved(value)) return;
    check.fail('INVALID_HELM_VALUES', at, value, `is ${value === undefined ? 'undefined' : `a ${typeof value}`}, which YAML cannot carry as chart data`, 'strings, finite numbers, booleans, null, lists and maps', `remove ${at} or give it a value`);
  };
  walk(given, prop);
  return given;
}

function isPlainMap(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
