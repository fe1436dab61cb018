/** `gpu-tco check` on a generated 500-resource breakdown: under 1 s (bench/check-500.ts times the process). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../../src/cli/check.js';
import { captureIo } from './support.js';
import { writeBigCase } from '../support/big-breakdown.js';
import { repoRoot, schemaErrors } from '../support/infracost.js';
import { breakdownValidatorSource } from '../../scripts/breakdown-validator-source.js';

const dir = mkdtempSync(join(tmpdir(), 'gpu-tco-big-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('500 resources in 5 stacks: merged, budgets and drift in well under 1 s', () => {
  const { outDir, breakdown } = writeBigCase(dir, 500);
  const doc = JSON.parse(readFileSync(breakdown, 'utf8'));
  expect(schemaErrors('breakdown', doc)).toEqual([]);
  expect(doc.projects.reduce((n: number, p: any) => n + p.breakdown.resources.length, 0)).toBe(500);
  const t0 = performance.now();
  const result = runCheck({ infracost: breakdown, outDir, format: 'markdown' }, captureIo(dir));
  const ms = performance.now() - t0;
  expect(result.stacks).toHaveLength(5);
  // Every tenth group is priced 3 % above the library: 5 per stack, compute only.
  expect(result.drift).toHaveLength(25);
  expect(result.drift.every((d) => d.category === 'compute' && d.percent === 3)).toBe(true);
  expect(ms).toBeLessThan(1000);
});

test('the precompiled breakdown validator is up to date with the copied schema', () => {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'src/cli/schema/infracost.schema.json'), 'utf8'));
  expect(readFileSync(join(repoRoot, 'src/cli/schema/infracost.validate.cjs'), 'utf8')).toBe(breakdownValidatorSource(schema));
});
