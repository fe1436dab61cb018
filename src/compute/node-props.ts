import type { PropChecker } from '../core/validate.js';
import { GpuClusterError } from '../base/errors.js';
import type { IConstruct } from '../core/cdktf.js';
import { LABEL_PREFIX, isLabelKey, isLabelValue, labelSafeValue } from '../base/labels.js';
import { addSynthCheck } from '../core/synth-checks.js';
import { addWarningOnce } from '../core/warn-once.js';

/** A Kubernetes taint of GPU nodes (node groups and Karpenter pools alike). */
export interface GpuNodeTaint {
  readonly key: string;
  /** @default - no value */
  readonly value?: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** Keeps pods that do not ask for a GPU off GPU nodes. */
export const DEFAULT_GPU_TAINT: GpuNodeTaint = { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' };

/** The `taints` prop: the GPU taint by default, `[]` for none; keys, values and effects checked. */
export function resolveTaints(check: PropChecker, given: unknown): GpuNodeTaint[] {
  if (given === undefined) return [DEFAULT_GPU_TAINT];
  if (!Array.isArray(given)) check.fail('INVALID_TAINTS', 'taints', given, 'must be a list', 'a list of { key, value?, effect }', 'pass taints: [] for none');
  return given.map((t: GpuNodeTaint, i) => {
    if (t === null || typeof t !== 'object') check.fail('INVALID_TAINTS', `taints[${i}]`, t, 'must be an object', '{ key, value?, effect }');
    if (!isLabelKey(String(t.key))) check.fail('INVALID_TAINTS', `taints[${i}].key`, t.key, 'is not a valid taint key', 'a Kubernetes label key such as nvidia.com/gpu');
    if (t.value !== undefined && !isLabelValue(String(t.value))) check.fail('INVALID_TAINTS', `taints[${i}].value`, t.value, 'is not a valid taint value', 'up to 63 letters, digits, - _ .');
    check.oneOf(`taints[${i}].effect`, t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const);
    return t;
  });
}

/**
 * Cost tags as node labels (`cdktf-gpu-cluster/team=search`), each value in its label-safe form
 * (labelSafeValue: `ML Search` → `ML-Search`), so recording rules and budget alerts, which match on
 * the same form, see every node. Tags whose key makes no label key are skipped.
 */
export function costTagLabels(tags: Readonly<Record<string, string>>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) {
    const key = `${LABEL_PREFIX}/${k}`;
    if (isLabelKey(key)) labels[key] = labelSafeValue(v);
  }
  return labels;
}

/** The cost tags whose label differs from the tag: `{ key, tag, label }` (for a warning, and a Karpenter node annotation with the original). */
export function rewrittenCostTags(tags: Readonly<Record<string, string>>): Array<{ key: string; tag: string; label: string }> {
  return Object.entries(costTagLabels(tags))
    .map(([key, label]) => ({ key, tag: tags[key.slice(LABEL_PREFIX.length + 1)]!, label }))
    .filter((r) => r.label !== r.tag);
}

/** The node constructs of each app and their cost tags, to find two tags that become one label. */
const labelledByApp = new WeakMap<IConstruct, Array<{ owner: IConstruct; tags: () => Readonly<Record<string, string>> }>>();

/**
 * Warns once per synth on `owner` for each cost tag whose node label is a rewritten form (the label
 * is what Kubernetes, recording rules and budget alerts see), and fails with COST_TAG_LABEL_CLASH
 * where two different values of one tag in the app become the same label: the teams' nodes, spend
 * and budget alerts could not be told apart.
 */
export function warnOnRewrittenCostTags(owner: IConstruct, tags: () => Readonly<Record<string, string>>): void {
  const root = owner.node.root;
  const labelled = labelledByApp.get(root) ?? [];
  labelledByApp.set(root, labelled);
  labelled.push({ owner, tags });
  addSynthCheck(owner, () => {
    const mine = rewrittenCostTags(tags());
    const problems: string[] = [];
    for (const r of mine) {
      const tag = r.key.slice(LABEL_PREFIX.length + 1);
      addWarningOnce(owner, `cost tag ${tag} ${JSON.stringify(r.tag)} is no Kubernetes label value: nodes carry ${r.key}=${r.label} (the label-safe form), and recording rules and budget alerts match that`);
      const other = labelled
        .filter((o) => o.owner !== owner)
        .map((o) => ({ path: o.owner.node.path, value: o.tags()[tag] }))
        .find((o) => o.value !== undefined && o.value !== r.tag && labelSafeValue(o.value) === r.label);
      if (other) {
        problems.push(new GpuClusterError({
          code: 'COST_TAG_LABEL_CLASH',
          prop: `costTags (${tag})`,
          value: r.tag,
          problem: `becomes the node label ${r.key}=${r.label}, as ${JSON.stringify(other.value)} of ${other.path} does: their nodes, spend and budget alerts could not be told apart`,
          allowed: `${tag} values whose label-safe forms differ`,
          fix: `rename one of the two ${tag}s (e.g. ${JSON.stringify(r.label)} for both, if they are one ${tag})`,
        }).validationMessage);
      }
    }
    return problems;
  });
}
