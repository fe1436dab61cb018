/**
 * What an `al2023@vYYYYMMDD` alias resolves to, from the amazon-eks-ami releases the library has
 * evidence of (data/al2023-releases.json, generated from data-sources/amazon-eks-ami). Karpenter
 * reads `/aws/service/eks/optimized-ami/<cluster minor>/amazon-linux-2023/<arch>/nvidia/
 * amazon-eks-node-al2023-<arch>-nvidia-<minor>-<release>/image_id` for GPU types and skips a
 * missing parameter silently (aws/karpenter-provider-aws pkg/providers/amifamily/al2023.go @ v1.14.1):
 * an alias that names no release, or a release without the cluster's version, launches nothing.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Architecture } from '../catalog/instance-spec.js';

interface ReleaseTable {
  readonly newest: string;
  readonly releases: Record<string, { abandoned?: true; nvidia: Record<Architecture, string[]> | null }>;
}

let table: ReleaseTable | undefined;
const releases = (): ReleaseTable => (table ??= JSON.parse(readFileSync(join(__dirname, 'data', 'al2023-releases.json'), 'utf8')) as ReleaseTable);

/** The newest AL2023 release in the library's evidence. */
export function newestKnownAl2023Release(): string {
  return releases().newest;
}

export interface AliasVerdict {
  /** Why the alias cannot launch the pool's nodes: synth fails. */
  readonly error?: { code: string; problem: string; allowed: string; fix: string };
  /** What the library cannot confirm: a synth warning. */
  readonly warning?: string;
}

/**
 * Checks `al2023@<release>` against the evidence: the release exists, was not abandoned, and ships
 * an NVIDIA AMI of `kubernetesVersion` (when known) for every architecture in `architectures`.
 */
export function checkAl2023Release(release: string, architectures: readonly Architecture[], kubernetesVersion?: string): AliasVerdict {
  const { newest, releases: known } = releases();
  const tags = Object.keys(known).sort();
  const entry = known[release];
  const good = newestShipping(known, architectures, kubernetesVersion);
  const pin = good ? `pin a release that ships it, e.g. al2023@${good}` : 'pick a release from https://github.com/awslabs/amazon-eks-ami/releases';
  if (!entry) {
    if (release < tags[0]!) {
      return { warning: `amiAlias al2023@${release} is older than the amazon-eks-ami releases the library has evidence of (${tags[0]} to ${newest}); check that it ships ${kubernetesVersion ? `Kubernetes ${kubernetesVersion} ` : ''}AL2023 NVIDIA AMIs for ${architectures.join(' and ')}${good ? `, or pin al2023@${good}` : ''}` };
    }
    if (release > newest) {
      return { warning: `amiAlias al2023@${release} is newer than the amazon-eks-ami releases the library knows (newest ${newest}); check that it ships ${kubernetesVersion ? `Kubernetes ${kubernetesVersion} ` : ''}AL2023 NVIDIA AMIs for ${architectures.join(' and ')} before deploying: Karpenter launches nothing when it does not` };
    }
    const before = tags.filter((t) => t < release).pop();
    const after = tags.find((t) => t > release);
    return { error: { code: 'UNKNOWN_AMI_RELEASE', problem: `names no amazon-eks-ami release (the releases around it are ${before ?? 'none'} and ${after ?? 'none'}); Karpenter would find no AMI and launch no node`, allowed: `an amazon-eks-ami release tag${good ? `, e.g. ${good}` : ''}`, fix: pin } };
  }
  if (entry.abandoned) {
    return { error: { code: 'ABANDONED_AMI_RELEASE', problem: 'is a release AWS abandoned (marked [ABANDONED] in its release notes)', allowed: 'a released amazon-eks-ami tag', fix: pin } };
  }
  if (!entry.nvidia) {
    return { warning: `amiAlias al2023@${release} is an amazon-eks-ami tag whose release notes the library has not seen; check that it ships ${kubernetesVersion ? `Kubernetes ${kubernetesVersion} ` : ''}AL2023 NVIDIA AMIs for ${architectures.join(' and ')}` };
  }
  const missing = architectures.filter((a) => entry.nvidia![a].length === 0 || (kubernetesVersion !== undefined && !entry.nvidia![a].includes(kubernetesVersion)));
  if (missing.length) {
    const shipped = [...new Set(missing.flatMap((a) => entry.nvidia![a]))].join(', ') || 'none';
    return { error: { code: 'AMI_RELEASE_LACKS_VERSION', problem: `ships no AL2023 NVIDIA AMI ${kubernetesVersion ? `for Kubernetes ${kubernetesVersion} ` : ''}on ${missing.join(' and ')} (its NVIDIA AMIs: Kubernetes ${shipped}); Karpenter would launch no node`, allowed: `a release with ${kubernetesVersion ? `Kubernetes ${kubernetesVersion} ` : ''}NVIDIA AMIs for ${missing.join(' and ')}`, fix: pin } };
  }
  return {};
}

/** The newest release known to ship the NVIDIA AMIs asked for. */
function newestShipping(known: ReleaseTable['releases'], architectures: readonly Architecture[], kubernetesVersion?: string): string | undefined {
  return Object.keys(known)
    .sort()
    .filter((t) => {
      const r = known[t]!;
      return !r.abandoned && r.nvidia && architectures.every((a) => r.nvidia![a].length > 0 && (kubernetesVersion === undefined || r.nvidia![a].includes(kubernetesVersion)));
    })
    .pop();
}
