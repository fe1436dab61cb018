/**
 * The AMI release an EC2NodeClass alias names must exist and ship the cluster's Kubernetes version
 * as an AL2023 NVIDIA AMI for each architecture the pool allows; Karpenter launches nothing
 * otherwise, silently. The evidence: data-sources/amazon-eks-ami (tags, release notes extract).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { DEFAULT_AMI_ALIAS, GpuCluster, GpuInstanceType } from '../../src/index.js';
import { DEFAULT_KUBERNETES_VERSION } from '../../src/cluster/eks-versions.js';
import { GpuNodePool } from '../../src/karpenter/gpu-node-pool.js';
import type { GpuNodePoolProps } from '../../src/karpenter/gpu-node-pool.js';
import { al2023ReleaseTable } from '../../scripts/ami-release-table.js';
import { warningsOf } from '../support/synth.js';
import { errorOf, karpenterStack, tags } from './support.js';

const evidence = join(__dirname, '../../data-sources/amazon-eks-ami');

function pool(amiAlias: string, more: Partial<GpuNodePoolProps> = {}) {
  const { stack, karpenter } = karpenterStack();
  const p = new GpuNodePool(stack, 'train', { karpenter, gpuNames: ['l40s'], gpuLimit: 8, amiAlias, disruption: { consolidateAfter: '10m' }, costTags: tags, ...more } as GpuNodePoolProps);
  return warningsOf(p);
}

test('the committed release table is what scripts/generate-ami-releases.ts derives from the evidence', () => {
  const committed = JSON.parse(readFileSync(join(__dirname, '../../src/karpenter/data/al2023-releases.json'), 'utf8'));
  expect(committed).toEqual(al2023ReleaseTable(evidence));
});

test("the default alias is a release whose notes list the default Kubernetes version's NVIDIA AMIs for x86_64 and arm64", () => {
  const release = DEFAULT_AMI_ALIAS.replace('al2023@', '');
  const notes = readFileSync(join(evidence, 'CHANGELOG.al2023-nvidia.extract.txt'), 'utf8');
  expect(notes).toContain(`# AMI Release ${release}\n`);
  for (const arch of ['x86_64', 'arm64']) expect(notes).toContain(`amazon-eks-node-al2023-${arch}-nvidia-${DEFAULT_KUBERNETES_VERSION}-${release}`);
  expect(readFileSync(join(evidence, 'tags.txt'), 'utf8')).toMatch(new RegExp(`^${release} [0-9a-f]{40} `, 'm'));
});

describe('an alias a user passes', () => {
  test.each([
    ['al2023@v20251117', 'UNKNOWN_AMI_RELEASE', /names no amazon-eks-ami release \(the releases around it are v20251112 and v20251120\)/],
    ['al2023@v20260107', 'AMI_RELEASE_LACKS_VERSION', /ships no AL2023 NVIDIA AMI for Kubernetes 1\.35 on x86_64 \(its NVIDIA AMIs: Kubernetes 1\.29, .*1\.34\)/],
    ['al2023@v20260128', 'ABANDONED_AMI_RELEASE', /abandoned/],
  ])('%s with Kubernetes 1.35 fails synth: %s', (alias, code, message) => {
    const e = errorOf(() => pool(alias, { kubernetesVersion: '1.35' }));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(e.message).toContain('amiAlias');
    expect(e.message).toMatch(/al2023@v20260714/);
  });

  test('a release that ships 1.34 but not 1.35 is fine for a 1.34 cluster, and when the version is unknown', () => {
    expect(pool('al2023@v20260107', { kubernetesVersion: '1.34' })).toEqual([]);
    expect(pool('al2023@v20260107')).toEqual([]);
  });

  test('newer than the evidence, a tag without notes, or older than the evidence: a warning, not an error', () => {
    expect(pool('al2023@v20261201', { kubernetesVersion: '1.35' }).join('\n')).toMatch(/newer than the amazon-eks-ami releases the library knows \(newest v20260724\)/);
    expect(pool('al2023@v20260724').join('\n')).toMatch(/release notes the library has not seen/);
    expect(pool('al2023@v20250807').join('\n')).toMatch(/older than the amazon-eks-ami releases the library has evidence of/);
  });

  test("GpuCluster checks a pool's alias against the cluster's Kubernetes version", () => {
    const cluster = new GpuCluster(new App(), 'ml', { region: 'us-west-2', costTags: tags });
    expect(errorOf(() => cluster.addSpotPool('old', { instanceTypes: [GpuInstanceType.P5_48XLARGE], gpuLimit: 8, amiAlias: 'al2023@v20260107' })).code).toBe('AMI_RELEASE_LACKS_VERSION');
    const ok = cluster.addSpotPool('ok', { instanceTypes: [GpuInstanceType.P5_48XLARGE], gpuLimit: 8 });
    expect(ok.amiAlias).toBe(DEFAULT_AMI_ALIAS);
    expect(warningsOf(ok)).toEqual([]);
  });
});
