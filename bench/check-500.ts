/**
 * `npx tsx bench/check-500.ts`: `gpu-tco check` on a generated 500-resource breakdown (5 stacks),
 * run as users run it (the compiled `dist/cli/gpu-tco.js` with plain node, as `npx gpu-tco`;
 * fresh process each time; run after bench/run.ts, whose pack builds dist). Target: under 1 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBigCase } from '../test/support/big-breakdown.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const dir = mkdtempSync(join(tmpdir(), 'gpu-tco-bench-'));
const { outDir, breakdown } = writeBigCase(dir, 500);
const env = { ...process.env };
delete env.NODE_OPTIONS;
const times: number[] = [];
for (let i = 0; i < RUNS + 1; i++) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['dist/cli/gpu-tco.js', 'check', '--infracost', breakdown, '--out-dir', outDir, '--format', 'json'], { env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`gpu-tco check failed (${r.status}): ${r.stderr}`);
  if (i > 0) times.push(ms); // the first run warms the file cache
}
rmSync(dir, { recursive: true, force: true });
const sorted = [...times].sort((a, b) => a - b);
console.log(`gpu-tco check, 500 resources, ${RUNS} runs: median ${Math.round(sorted[Math.floor(RUNS / 2)]!)} ms, max ${Math.round(sorted[RUNS - 1]!)} ms (target < 1000 ms); node ${process.version}`);
