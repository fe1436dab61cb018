import { Annotations } from './cdktf.js';
import type { IConstruct } from './cdktf.js';
import { escapeTerraformTemplate } from './terraform-escape.js';
import { recordHelmValues } from './helm-values-record.js';


/**
 * How values become YAML for Kubernetes tooling: no line folding (a folded line could split a cdktf
 * token), no aliases, and YAML 1.1 quoting. Helm (sigs.k8s.io/yaml), mig-parted and the device
 * plugin read YAML 1.1, where an unquoted `on`, `no`, `y`, `1_000` or `2026-01-01` is a boolean,
 * number or timestamp; written as YAML 1.2 allows, a team called `no` would reach the chart as false.
 */
export const HELM_YAML_OPTIONS = { version: '1.1', lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false } as const;

/**
 * `value` as YAML text for Kubernetes tooling (HELM_YAML_OPTIONS): Helm values, and config files
 * carried in ConfigMaps (mig-parted's config.yaml, device-plugin configs), which are not escaped
 * for Terraform here (the release values carrying them escape every string once).
 */
export function kubernetesYaml(value: unknown): string {
  const YAML = require('yaml') as typeof import('yaml');
  const text = YAML.stringify(value, HELM_YAML_OPTIONS);
  if (!text.includes('<<')) return text;
  // YAML 1.1 reads a plain `<<` as a merge key, and the yaml library writes that string plain
  // whatever the scalar style: tag it as a string.
  const doc = new YAML.Document(value, HELM_YAML_OPTIONS);
  YAML.visit(doc, {
    Scalar(_, scalar) {
      if (scalar.value === '<<') Object.assign(scalar, { tag: 'tag:yaml.org,2002:str', type: 'QUOTE_DOUBLE' });
    },
  });
  return doc.toString(HELM_YAML_OPTIONS);
}

/**
 * Helm values as the YAML string a `helm_release` takes inline: keys in the order given, written
 * with HELM_YAML_OPTIONS, and Terraform template sequences escaped in every string so that `${...}`
 * and `%{...}` reach the chart literally.
 */
export function helmValuesYaml(values: Record<string, unknown>): string {
  const walk: EscapeWalk = { verbatim: true, path: [], tokenPaths: [] };
  const escaped = escapeDeep(values, walk) as Record<string, unknown>;
  const text = walk.verbatim ? writtenBefore(escaped) : kubernetesYaml(escaped);
  recordHelmValues({ text, values: escaped, verbatim: walk.verbatim, tokenPaths: walk.tokenPaths });
  return text;
}

/**
 * The release values are Lazy: a synth produces each twice (its validation pass and the written
 * stack), and YAML writing is the dearer half of a synth's Helm work. Values that JSON carries
 * exactly (walk.verbatim: plain data, no undefined) are written once per distinct content.
 */
const written = new Map<string, string>();
function writtenBefore(values: Record<string, unknown>): string {
  const key = JSON.stringify(values);
  let text = written.get(key);
  if (text === undefined) {
    if (written.size >= 256) written.clear();
    text = kubernetesYaml(values);
    written.set(key, text);
  }
  return text;
}

interface EscapeWalk {
  verbatim: boolean;
  readonly path: Array<string | number>;
  /** Where strings holding cdktf tokens are. */
  readonly tokenPaths: Array<Array<string | number>>;
}

/**
 * `value` with every string and key escaped. `walk.verbatim` turns false where the YAML would not
 * read back as the very same data: an escape added, `undefined`, a `__proto__` key, a function,
 * symbol or bigint, an object that is not plain.
 */
function escapeDeep(value: unknown, walk: EscapeWalk): unknown {
  if (typeof value === 'string') {
    const escaped = escapeTerraformTemplate(value);
    if (escaped !== value) walk.verbatim = false;
    if (escaped.includes('${TfToken[')) walk.tokenPaths.push([...walk.path]);
    return escaped;
  }
  if (Array.isArray(value)) {
    return value.map((v, i) => {
      walk.path.push(i);
      const e = escapeDeep(v, walk);
      walk.path.pop();
      return e;
    });
  }
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) walk.verbatim = false;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        const key = escapeTerraformTemplate(k);
        if (key !== k || k === '__proto__' || key.includes('${TfToken[')) walk.verbatim = false;
        walk.path.push(key);
        const e = escapeDeep(v, walk);
        walk.path.pop();
        return [key, e];
      }),
    );
  }
  if (typeof value !== 'number' && typeof value !== 'boolean' && value !== null) walk.verbatim = false;
  return value;
}

/**
 * Deep-merges `overrides` into `base` (objects merge, everything else replaces) and warns on
 * `scope` for every value the construct had set that an override changes.
 */
export function mergeHelmValues(scope: IConstruct, base: Record<string, unknown>, overrides: Record<string, unknown> | undefined, prop = 'additionalValues'): Record<string, unknown> {
  if (!overrides) return base;
  const merge = (a: Record<string, unknown>, b: Record<string, unknown>, path: string): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) {
      const here = path ? `${path}.${k}` : k;
      const old = a[k];
      if (isPlainObject(old) && isPlainObject(v)) {
        out[k] = merge(old, v, here);
      } else {
        if (old !== undefined && JSON.stringify(old) !== JSON.stringify(v)) {
          Annotations.of(scope).addWarning(`${prop}.${here} overrides the value the construct set (${JSON.stringify(old)}).`);
        }
        out[k] = v;
      }
    }
    return out;
  };
  return merge(base, overrides, '');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
