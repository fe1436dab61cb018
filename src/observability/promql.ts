import type { LRParser } from '@lezer/lr';

/** A problem found in a PromQL expression: 1-based line and column, and what is wrong. */
export interface PromqlProblem {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/**
 * Functions and aggregations added after Prometheus 2.42 (Debian 12's promtool, which the tests
 * run): a rule using one would not load there. Names as PromQL spells them.
 */
export const FUNCTIONS_AFTER_PROMETHEUS_2_42: readonly string[] = [
  'mad_over_time',
  'sort_by_label',
  'sort_by_label_desc',
  'limitk',
  'limit_ratio',
  'info',
  'double_exponential_smoothing',
  'ts_of_max_over_time',
  'ts_of_min_over_time',
  'ts_of_last_over_time',
  'first_over_time',
  'ts_of_first_over_time',
];

let parserInstance: LRParser | undefined;

// The grammar is loaded on the first expression parsed, so importing the library stays cheap.
function parser(): LRParser {
  parserInstance ??= (require('@prometheus-io/lezer-promql') as { parser: LRParser }).parser;
  return parserInstance;
}

/**
 * Parses `expr` with Prometheus's own lezer grammar and returns its problems: syntax errors at
 * their position, and functions Prometheus 2.42 does not know. Empty: the expression parses.
 */
export function promqlProblems(expr: string): PromqlProblem[] {
  if (typeof expr !== 'string' || expr.trim() === '') return [at(expr ?? '', 0, 'is empty')];
  const problems: PromqlProblem[] = [];
  let syntaxError = false;
  parser()
    .parse(expr)
    .iterate({
      enter: (node) => {
        if (node.type.isError) {
          if (syntaxError) return false;
          syntaxError = true; // the first error is the one to fix; the rest follow from it
          const near = expr.slice(node.from, node.from + 12);
          problems.push(at(expr, node.from, near ? `does not parse near "${near}"` : 'ends too early'));
          return false;
        }
        if (node.name === 'FunctionIdentifier' || node.name === 'AggregateOp') {
          const name = expr.slice(node.from, node.to).toLowerCase();
          if (FUNCTIONS_AFTER_PROMETHEUS_2_42.includes(name)) {
            problems.push(at(expr, node.from, `uses ${name}, which Prometheus 2.42 does not have`));
          }
        }
        return undefined;
      },
    });
  return problems;
}

/**
 * The metric names an expression selects (`foo` in `rate(foo{a="b"}[5m])`, and
 * `{__name__="foo"}`), sorted and without duplicates. Regex name matchers are not expanded.
 */
export function metricNames(expr: string): string[] {
  const names = new Set<string>();
  parser()
    .parse(expr)
    .iterate({
      enter: (node) => {
        if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') names.add(expr.slice(node.from, node.to));
        if (node.name === 'UnquotedLabelMatcher' || node.name === 'QuotedLabelMatcher') {
          const text = expr.slice(node.from, node.to);
          const m = /^\s*"?__name__"?\s*=\s*"([^"]+)"\s*$/.exec(text);
          if (m) names.add(m[1]!);
        }
      },
    });
  return [...names].sort();
}

function at(expr: string, offset: number, message: string): PromqlProblem {
  const before = expr.slice(0, offset).split('\n');
  return { offset, line: before.length, column: before[before.length - 1]!.length + 1, message };
}

/** `line 1, column 7: does not parse near "..."`, for error messages. */
export function describeProblem(p: PromqlProblem): string {
  return `line ${p.line}, column ${p.column}: ${p.message}`;
}
