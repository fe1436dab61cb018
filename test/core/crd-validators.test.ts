// The validators compiled ahead of time must be what the CRD copies compile to today.
import { readFileSync } from 'node:fs';
import { precompiledPath } from '../../src/core/crd-validator.js';
import { CRD_SOURCES, validatorModule } from '../../scripts/generate-crd-validators.js';

describe('precompiled CRD validators', () => {
  test.each(CRD_SOURCES.map((s) => [String(s.file).split('/').pop(), s] as const))('%s is up to date (run `npx tsx scripts/generate-crd-validators.ts` after changing a CRD)', (_name, source) => {
    expect(readFileSync(precompiledPath(source), 'utf8')).toBe(validatorModule(source));
  });
});
