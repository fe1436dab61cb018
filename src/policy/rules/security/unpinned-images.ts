import type { PolicyRule, RawFinding } from '../../rule.js';
import { asList } from '../../terraform-view.js';

const TAG_KEYS = new Set(['tag', 'imagetag', 'version']);

function unpinnedValue(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== 'string' && typeof v !== 'number') return false;
  const s = String(v).trim();
  return s === '' || s.toLowerCase() === 'latest';
}

/** An image reference without a digest whose tag is missing or `latest`. */
function unpinnedImage(ref: string): boolean {
  if (ref.includes('@sha256:')) return false;
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : '';
  return unpinnedValue(tag);
}

/**
 * Problems under `value` (Helm values or an object), as `path: what`. `at` holds the path's
 * segments (`.key`, `[i]`); the path text is built only for a problem (values hold thousands of keys).
 */
function scan(value: unknown, at: string[], out: string[]): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      at.push(`[${i}]`);
      scan(value[i], at, out);
      at.pop();
    }
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    at.push(at.length > 0 ? `.${key}` : key);
    if (key === 'image' && typeof v === 'string') {
      if (unpinnedImage(v)) out.push(`${at.join('')} is ${JSON.stringify(v)}`);
    } else if (key.length <= 8 && TAG_KEYS.has(key.toLowerCase()) && (v === null || typeof v !== 'object')) {
      if (unpinnedValue(v)) out.push(`${at.join('')} is ${JSON.stringify(v ?? null)}`);
    } else if (v !== null && typeof v === 'object') scan(v, at, out);
    at.pop();
  }
}

/**
 * Images must name a release (`repo:1.2.3` or a digest): an `image`, `tag`, `imageTag` or `version`
 * value that is empty or `latest` in Helm values (inline `values` and `set`), objects delivered
 * through Helm included, pulls whatever was pushed last.
 */
export const UnpinnedImages: PolicyRule = {
  id: 'unpinned-images',
  area: 'security',
  level: 'warning',
  description: 'Container images in Helm values must be pinned to a tag or digest (no empty or `latest` image, tag or version).',
  fix: 'set the image tag (or version) to a release, e.g. tag: v1.14.1, or pin a digest (repo@sha256:...); leave the key out to use the chart\'s pinned default',
  evaluate(ctx) {
    const findings: RawFinding[] = [];
    for (const { block, values } of ctx.terraform.helmValues()) {
      const problems: string[] = [];
      values.forEach((v) => scan(v, [], problems));
      for (const s of asList(block.attrs.set)) {
        const name = String(s?.name ?? '');
        const leaf = name.slice(name.lastIndexOf('.') + 1);
        if (leaf === 'image' ? typeof s.value === 'string' && unpinnedImage(s.value) : TAG_KEYS.has(leaf.toLowerCase()) && unpinnedValue(s.value)) {
          problems.push(`set ${name} is ${JSON.stringify(s.value ?? null)}`);
        }
      }
      if (problems.length) findings.push({ constructPath: block.path, message: `helm_release.${block.name} values: ${problems.join('; ')}` });
    }
    return findings;
  },
};
