import { existsSync, readFileSync } from 'node:fs';
import { closestMatches } from '../base/describe.js';


/**
 * Field names whose value is a Kubernetes object or map the user fills (a node selector, pod
 * labels, an affinity, container resources, a security context): keys below them are the user's,
 * whatever the chart's default holds there.
 */
export const FREE_FORM_FIELDS: readonly string[] = [
  'affinity',
  'annotations',
  'labels',
  'nodeSelector',
  'podAnnotations',
  'podLabels',
  'podSecurityContext',
  'resources',
  'securityContext',
];

/** What a chart accepts, beside the keys of its values.yaml. */
export interface ChartKeyRules {
  /** Chart name and version, for messages (`gpu-operator v26.7.0`). */
  readonly chart: string;
  /**
   * Dotted paths the chart reads though values.yaml does not list them (commented out there and
   * documented elsewhere); everything below them is accepted as given.
   * @default []
   */
  readonly extraPaths?: readonly string[];
  /**
   * Dotted paths whose whole subtree is free-form (a subchart whose values.yaml is not copied).
   * @default []
   */
  readonly freeFormPaths?: readonly string[];
}

/** One key of the final values that the chart does not have. */
export interface UnknownChartKey {
  /** Dotted path of the key (`dcgmExporter.serviceMonitor.honorLabel`). */
  readonly path: string;
  /** The value given there. */
  readonly value: unknown;
  /** Why it is refused. */
  readonly problem: string;
  /** Keys the chart has at that level. */
  readonly known: readonly string[];
  /** Close matches, full dotted paths, closest first. */
  readonly closest: readonly string[];
}

/**
 * A chart's values.yaml, parsed once per file on first use. The build writes its JSON twin beside
 * it in dist (scripts/build.js): parsing YAML costs a synth about 40 ms, JSON about 1.
 */
export function loadChartDefaults(file: string): Record<string, unknown> {
  let parsed = loaded.get(file);
  if (!parsed) {
    const twin = file.replace(/\.ya?ml$/, '.json');
    if (existsSync(twin)) {
      parsed = JSON.parse(readFileSync(twin, 'utf8')) as Record<string, unknown>;
    } else {
      const YAML = require('yaml') as typeof import('yaml');
      parsed = (YAML.parse(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
    }
    loaded.set(file, parsed);
  }
  return parsed;
}
const loaded = new Map<string, Record<string, unknown>>();

/**
 * The keys of `values` that `defaults` (the chart's values.yaml) does not have. The rule:
 * - a key must exist in values.yaml at the same path;
 * - below a list, an empty map (`{}`), a null default, or a field named in FREE_FORM_FIELDS, keys
 *   are free-form (the chart passes that value to Kubernetes as it is, so its keys are the user's);
 * - `rules.extraPaths` and `rules.freeFormPaths` accept whole subtrees;
 * - a map where values.yaml has a scalar is refused (the chart reads a scalar there).
 */
export function unknownChartKeys(values: Record<string, unknown>, defaults: Record<string, unknown>, rules: ChartKeyRules): UnknownChartKey[] {
  const open = new Set([...(rules.extraPaths ?? []), ...(rules.freeFormPaths ?? [])]);
  const found: UnknownChartKey[] = [];
  const walk = (given: Record<string, unknown>, chart: Record<string, unknown>, prefix: string): void => {
    for (const [key, value] of Object.entries(given)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (open.has(path)) continue;
      if (!Object.prototype.hasOwnProperty.call(chart, key)) {
        const known = Object.keys(chart);
        found.push({ path, value, problem: `is not a key of the ${rules.chart} chart's values.yaml`, known, closest: suggest(key, prefix, known, defaults) });
        continue;
      }
      const def = chart[key];
      if (!isMap(value) || FREE_FORM_FIELDS.includes(key) || def === null || def === undefined || Array.isArray(def)) continue;
      if (!isMap(def)) {
        found.push({ path, value, problem: `is a map, but the ${rules.chart} chart's values.yaml has a ${typeof def} there`, known: [], closest: [] });
        continue;
      }
      if (Object.keys(def).length === 0) continue;
      walk(value, def, path);
    }
  };
  walk(values, defaults, '');
  return found;
}

/** Sibling keys close to `key`; else paths anywhere in the chart that end in `key` (a key at the wrong level). */
function suggest(key: string, prefix: string, siblings: string[], defaults: Record<string, unknown>): string[] {
  const near = closestMatches(key, siblings).map((k) => (prefix ? `${prefix}.${k}` : k));
  if (near.length) return near;
  const elsewhere: string[] = [];
  const visit = (node: Record<string, unknown>, at: string): void => {
    for (const [k, v] of Object.entries(node)) {
      const p = at ? `${at}.${k}` : k;
      if (k === key) elsewhere.push(p);
      if (isMap(v)) visit(v, p);
    }
  };
  visit(defaults, '');
  return elsewhere.slice(0, 3);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
