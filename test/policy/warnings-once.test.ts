/** A second synth of one app writes each warning once, as the first did. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { buildGpuClusterApp } from '../../examples/gpu-cluster/app.js';

process.env.GPU_TCO_CONSOLE = 'off';

test('two synths of the showcase in one process write the same manifest.json, each warning once', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'twice-'));
  const { app } = buildGpuClusterApp(outdir);
  app.synth();
  const first = readFileSync(join(outdir, 'manifest.json'), 'utf8');
  app.synth();
  const second = readFileSync(join(outdir, 'manifest.json'), 'utf8');
  expect(second).toBe(first);
  const messages = Object.values<any>(JSON.parse(second).stacks).flatMap((s) => s.annotations.map((a: any) => `${a.constructPath} ${a.message}`));
  expect(messages.length).toBeGreaterThan(0);
  expect(new Set(messages).size).toBe(messages.length);
});
