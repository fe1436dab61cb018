import { GpuClusterError } from '../base/errors.js';
import type { UnknownChartKey } from '../core/chart-values-check.js';

/** The error for a key the chart does not have, naming close matches; `others` are further unknown keys. */
export function unknownKeyError(key: UnknownChartKey, prefix: string, path?: string, others: readonly UnknownChartKey[] = []): GpuClusterError {
  const known = key.known.length > 12 ? `${key.known.slice(0, 12).join(', ')}, ...` : key.known.join(', ');
  const more = others.length ? ` (and ${others.length} more: ${others.map((o) => `${prefix}.${o.path}`).join(', ')})` : '';
  return new GpuClusterError({
    code: 'UNKNOWN_HELM_VALUE',
    path,
    prop: `${prefix}.${key.path}`,
    value: key.value,
    problem: `${key.problem}${more}`,
    allowed: key.known.length ? `the keys values.yaml has there: ${known}` : 'the chart\'s values.yaml keys and types',
    fix: key.closest.length ? `did you mean ${key.closest.join(' or ')}?` : 'remove it, or check the key against the chart version pinned in CHART_VERSIONS',
  });
}

/** One error per unknown key. */
export function helmValuesProblems(keys: readonly UnknownChartKey[], prefix: string, path?: string): GpuClusterError[] {
  return keys.map((k) => unknownKeyError(k, prefix, path));
}

/**
 * Image tags that move (`latest`, `main-latest`): every `version`, `tag` or `image` value in the
 * values that names one. Nodes pulling at different times would run different images.
 */
export function pinnedImageProblems(values: Record<string, unknown>, prefix: string, path?: string): GpuClusterError[] {
  const found: GpuClusterError[] = [];
  const walk = (node: unknown, at: string): void => {
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      const here = at ? `${at}.${k}` : k;
      if (typeof v === 'string' && ['version', 'tag', 'image'].includes(k) && /(^|[:-])latest$/i.test(v)) {
        found.push(
          new GpuClusterError({
            code: 'IMAGE_NOT_PINNED',
            path,
            prop: `${prefix}.${here}`,
            value: v,
            problem: 'is a moving image tag: nodes would run whatever it points to when they pull',
            allowed: 'a fixed version tag',
            fix: 'give an exact version, or leave it out to use the chart\'s pin',
          }),
        );
      } else if (typeof v === 'object') {
        walk(v, here);
      }
    }
  };
  walk(values, '');
  return found;
}
