/**
 * Regenerates src/karpenter/data/al2023-releases.json from the amazon-eks-ami evidence in
 * data-sources/amazon-eks-ami (the tag list and the CHANGELOG extract of AL2023 NVIDIA AMI names):
 *
 *   npx tsx scripts/generate-ami-releases.ts
 *
 * test/karpenter/ami-releases.test.ts fails while the committed table differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { al2023ReleaseTable } from './ami-release-table.js';

const root = join(__dirname, '..');
const out = join(root, 'src', 'karpenter', 'data', 'al2023-releases.json');
writeFileSync(out, JSON.stringify(al2023ReleaseTable(join(root, 'data-sources', 'amazon-eks-ami')), null, 1) + '\n');
console.log(`wrote ${out}`);
