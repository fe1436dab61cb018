/**
 * docs/cost-check-workflow.md gives users the workflow this repository runs: the same file apart
 * from how gpu-tco is invoked (`npx gpu-tco` where the package is installed).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readmeBlocks } from '../support/readme.js';

const root = join(__dirname, '../..');

test("the documented workflow is the repository's, with npx gpu-tco, and runs Infracost in the outdir", () => {
  const [doc] = readmeBlocks(readFileSync(join(root, 'docs/cost-check-workflow.md'), 'utf8')).filter((b) => b.lang === 'yaml');
  const own = readFileSync(join(root, '.github/workflows/cost-check.yml'), 'utf8');
  expect(doc!.code.replaceAll('npx gpu-tco check', 'npm run --silent gpu-tco -- check')).toBe(own);
  const steps = (parse(own) as { jobs: Record<string, { steps: Array<{ run?: string }> }> }).jobs['cost-check']!.steps;
  const infracost = steps.flatMap((s) => (s.run ?? '').split('\n')).filter((l) => l.includes('infracost breakdown'));
  expect(infracost).toHaveLength(2);
  for (const line of infracost) expect(line).toMatch(/^cd cdktf\.out && infracost breakdown --config-file infracost\.yml /);
});
