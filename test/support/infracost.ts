/** Validators over the copied Infracost schemas (ajv-draft-04, as the CLI compiles them) and a synthesized example. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { exampleApp } from './example-stacks.js';
import type { ExampleOptions } from './example-stacks.js';

export const fixture = (path: string) => join(__dirname, `../fixtures/infracost/${path}`);
export const repoRoot = join(__dirname, '../..');

const ajv = new Ajv({ validateFormats: false, strictTypes: false, allErrors: true });
const compile = (file: string) => ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
const validators = {
  breakdown: compile(join(repoRoot, 'src/cli/schema/infracost.schema.json')),
  config: compile(fixture('config.schema.json')),
  usage: compile(fixture('usage-file.schema.json')),
};

/** Schema errors of `doc` (empty: valid). */
export function schemaErrors(kind: keyof typeof validators, doc: unknown): string[] {
  const v = validators[kind];
  return v(doc) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Synthesizes the example stacks into a fresh temp out dir. */
export function synthExample(options: ExampleOptions = {}): string {
  const outdir = mkdtempSync(join(tmpdir(), 'gpu-tco-example-'));
  exampleApp(outdir, options).synth();
  return outdir;
}
