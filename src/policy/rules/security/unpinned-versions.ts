import type { PolicyRule, RawFinding } from '../../rule.js';
import { asList, objectRef } from '../../terraform-view.js';

/** A Helm version that names one release: not empty, not `latest`, no range (`^1`, `~1.2`, `>=1`, `1.x`, `*`). */
export function isPinnedVersion(v: unknown): boolean {
  if (typeof v !== 'string' && typeof v !== 'number') return false;
  const s = String(v).trim();
  return s !== '' && s.toLowerCase() !== 'latest' && !/[\^~*<>=|, ]|(^|\.)[xX](\.|$)/.test(s);
}

/**
 * Unpinned chart versions and AMI aliases change what runs without a change in code: the next
 * apply (or, for `@latest` AMIs, Karpenter's drift detection) rolls out whatever was published.
 * Local charts (a path, generated at synth) and chart archive URLs are pinned by their content.
 */
export const UnpinnedVersions: PolicyRule = {
  id: 'unpinned-versions',
  area: 'security',
  level: 'warning',
  description: 'Helm chart versions and Karpenter AMI aliases must be pinned (no empty version, `latest`, ranges or `@latest`).',
  fix: 'set helm_release version to an exact chart version; use an AMI alias with a release, e.g. al2023@v20260714',
  evaluate(ctx) {
    const findings: RawFinding[] = [];
    for (const b of ctx.terraform.resources('helm_release')) {
      const chart = String(b.attrs.chart ?? '');
      if (/^(\.{0,2}\/|[A-Za-z]:\\)/.test(chart) || /^https?:\/\/.+\.tgz$/.test(chart)) continue;
      if (!isPinnedVersion(b.attrs.version)) {
        findings.push({ constructPath: b.path, message: `helm_release.${b.name} (${chart}): version is ${b.attrs.version === undefined ? 'unset: every apply may install the newest chart' : JSON.stringify(b.attrs.version)}` });
      }
    }
    for (const { object, path } of ctx.terraform.kubernetesObjects()) {
      if (object.kind !== 'EC2NodeClass') continue;
      asList(object.spec?.amiSelectorTerms).forEach((t: Record<string, any>, i) => {
        if (typeof t?.alias === 'string' && /@latest$/i.test(t.alias)) {
          findings.push({ constructPath: path, message: `${objectRef(object)} spec.amiSelectorTerms[${i}].alias is ${t.alias}: nodes drift to every new AMI release` });
        }
      });
    }
    return findings;
  },
};
