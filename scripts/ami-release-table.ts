/** The AL2023 release table derived from data-sources/amazon-eks-ami (shared by the generator and its freshness test). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Al2023ReleaseTable {
  readonly source: string;
  /** The newest tag in the evidence. */
  readonly newest: string;
  /**
   * Per release tag: `nvidia` (Kubernetes minor versions with an AL2023 NVIDIA AMI, per
   * architecture) from its release notes, or null for a tag without notes; `abandoned` when AWS
   * withdrew it.
   */
  readonly releases: Record<string, { abandoned?: true; nvidia: { x86_64: string[]; arm64: string[] } | null }>;
}

const byVersion = (a: string, b: string) => Number(a.split('.')[1]) - Number(b.split('.')[1]);

export function al2023ReleaseTable(dir: string): Al2023ReleaseTable {
  const tags = readFileSync(join(dir, 'tags.txt'), 'utf8').trim().split('\n').map((l) => l.split(' ')[0]!).sort();
  const releases: Record<string, { abandoned?: true; nvidia: { x86_64: string[]; arm64: string[] } | null }> = {};
  for (const tag of tags) releases[tag] = { nvidia: null };
  let current: string | undefined;
  for (const line of readFileSync(join(dir, 'CHANGELOG.al2023-nvidia.extract.txt'), 'utf8').split('\n')) {
    const heading = /^\d+: # (\[ABANDONED\] )?AMI Release (v\d{8})$/.exec(line);
    if (heading) {
      current = heading[2]!;
      if (!releases[current]) throw new Error(`CHANGELOG release ${current} has no tag in tags.txt`);
      releases[current] = { ...(heading[1] ? { abandoned: true as const } : {}), nvidia: { x86_64: [], arm64: [] } };
      continue;
    }
    const ami = /amazon-eks-node-al2023-(x86_64|arm64)-nvidia-(1\.\d+)-(v\d{8})/.exec(line);
    if (!ami) continue;
    if (ami[3] !== current) throw new Error(`${ami[0]} is listed under release ${current}`);
    const list = releases[current]!.nvidia![ami[1] as 'x86_64' | 'arm64'];
    if (!list.includes(ami[2]!)) list.push(ami[2]!);
  }
  for (const r of Object.values(releases)) if (r.nvidia) for (const list of Object.values(r.nvidia)) list.sort(byVersion);
  return {
    source: 'awslabs/amazon-eks-ami: tags and CHANGELOG.md (the GitHub release notes) @ 81fec2e895854f599974fe4d3d72f61c0a9aaffa, 2026-07-23; see data-sources/amazon-eks-ami',
    newest: tags[tags.length - 1]!,
    releases,
  };
}
