import { GpuClusterError } from '../base/errors.js';
import { Token } from './cdktf.js';

/** Checks props for one construct; every failure names the construct path and the prop. */
export class PropChecker {
  constructor(readonly path: string) {}

  /** Throws a GpuClusterError for `prop`. */
  fail(code: string, prop: string, value: unknown, problem: string, allowed?: string, fix?: string): never {
    throw new GpuClusterError({ code, path: this.path, prop, value, problem, allowed, fix });
  }

  /**
   * Refuses a token where the library needs the value at synth (`TOKEN_NOT_ALLOWED`), saying why;
   * never the token's encoded placeholder number as if it were the value.
   */
  literal(prop: string, value: unknown, why = 'the library computes costs, limits and names from it at synth, before Terraform knows a token\'s value'): void {
    if ((typeof value === 'number' || typeof value === 'string' || Array.isArray(value)) && Token.isUnresolved(value)) {
      this.fail('TOKEN_NOT_ALLOWED', prop, value, `must be a literal: ${why}`, 'a literal value written in the code', `write the value itself (e.g. ${prop}: 4), not a variable, reference or function call`);
    }
  }

  /** An integer in [min, max]; NaN, Infinity, fractions, non-numbers, null and tokens are rejected. */
  integer(prop: string, value: unknown, range: { min: number; max: number; fix?: string }): number {
    this.literal(prop, value);
    const allowed = `an integer from ${range.min} to ${range.max}`;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.fail('INVALID_NUMBER', prop, value, 'must be a whole number', allowed, range.fix ?? `set ${prop} to ${allowed}`);
    }
    if (value < range.min || value > range.max) {
      this.fail('OUT_OF_RANGE', prop, value, 'is out of range', allowed, range.fix ?? `set ${prop} to ${allowed}`);
    }
    return value;
  }

  /** A finite number in [min, max] (not a token). */
  number(prop: string, value: unknown, range: { min: number; max: number; fix?: string }): number {
    this.literal(prop, value);
    const allowed = `a number from ${range.min} to ${range.max}`;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) {
      this.fail('OUT_OF_RANGE', prop, value, 'must be a finite number in range', allowed, range.fix ?? `set ${prop} to ${allowed}`);
    }
    return value;
  }

  /** A non-blank string matching `pattern` (unresolved tokens pass as they are). */
  string(prop: string, value: unknown, rule: { pattern?: RegExp; allowed: string; fix?: string }): string {
    if (typeof value === 'string' && Token.isUnresolved(value)) return value;
    if (typeof value !== 'string' || value.trim() === '' || (rule.pattern && !rule.pattern.test(value))) {
      this.fail('INVALID_STRING', prop, value, 'is not valid', rule.allowed, rule.fix ?? `set ${prop} to ${rule.allowed}`);
    }
    return value;
  }

  /** A non-empty array (unresolved list tokens pass as they are). */
  nonEmptyArray<T>(prop: string, value: unknown, what: string): T[] {
    if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string' && Token.isUnresolved(value[0])) {
      return value as T[];
    }
    if (!Array.isArray(value) || value.length === 0) {
      this.fail('EMPTY_LIST', prop, value, 'must be a non-empty list', `one or more ${what}`, `pass at least one of ${what} in ${prop}`);
    }
    return value as T[];
  }

  /**
   * A non-empty list of strings each matching `rule` (IDs, ARNs, CIDRs): a list token (a module's
   * output) passes as it is, since Terraform knows its elements only at apply; so do string tokens
   * among literal elements.
   */
  stringList(prop: string, value: unknown, what: string, rule: { pattern?: RegExp; allowed: string; fix?: string }): string[] {
    const list = this.nonEmptyArray<string>(prop, value, what);
    if (Token.isUnresolved(list)) return list;
    list.forEach((s, i) => this.string(`${prop}[${i}]`, s, rule));
    return list;
  }

  /** One of the given values. */
  oneOf<T extends string>(prop: string, value: unknown, allowed: readonly T[], fix?: string): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.fail('INVALID_CHOICE', prop, value, 'is not one of the allowed values', allowed.join(', '), fix ?? `set ${prop} to one of ${allowed.join(', ')}`);
    }
    return value as T;
  }
}
