/**
 * `npm run bench`: synth of examples/gpu-cluster against a bare cdktf app declaring the same
 * resources by hand, run alternately in fresh processes (same tsx loader, same machine, same run).
 * Prints medians, the time ratio and peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const cases = [
  { name: 'examples/gpu-cluster', entry: 'examples/gpu-cluster/main.ts' },
  { name: 'bare cdktf (same resources)', entry: 'bench/bare-from-synth.ts' },
];
// The baseline declares what the example synthesizes: synthesize it once to read that.
const exampleOut = mkdtempSync(join(tmpdir(), 'gpu-bench-example-'));
const first = spawnSync(process.execPath, ['--import', 'tsx', cases[0]!.entry], { env: { ...process.env, CDKTF_OUTDIR: exampleOut, GPU_TCO_CONSOLE: 'off' }, encoding: 'utf8' });
if (first.status !== 0) throw new Error(`the example failed to synthesize:\n${first.stderr}`);
process.env.BARE_FROM = join(exampleOut, 'stacks/ml-gpu/cdk.tf.json');

interface Sample { ms: number; maxRssKb: number }

function runOnce(entry: string): Sample {
  const dir = mkdtempSync(join(tmpdir(), 'gpu-bench-'));
  const report = join(dir, 'report.json');
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', './bench/measure.ts', entry], {
    env: { ...process.env, CDKTF_OUTDIR: join(dir, 'out'), BENCH_REPORT: report, GPU_TCO_CONSOLE: 'off' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${entry} failed (${r.status}):\n${r.stderr}`);
  const sample = JSON.parse(readFileSync(report, 'utf8')) as Sample;
  rmSync(dir, { recursive: true, force: true });
  return sample;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

runOnce(cases[0]!.entry); // warm the file cache and tsx's transform cache for both
runOnce(cases[1]!.entry);
const samples = cases.map(() => [] as Sample[]);
for (let i = 0; i < RUNS; i++) cases.forEach((c, j) => samples[j]!.push(runOnce(c.entry)));

const rows = cases.map((c, j) => ({
  case: c.name,
  'synth ms (median)': Math.round(median(samples[j]!.map((s) => s.ms))),
  'peak RSS MB (median)': Math.round(median(samples[j]!.map((s) => s.maxRssKb)) / 1024),
}));
console.table(rows);
const ratio = rows[0]!['synth ms (median)'] / rows[1]!['synth ms (median)'];
const rss = rows[0]!['peak RSS MB (median)'];
console.log(`synth time ratio library/bare: ${ratio.toFixed(2)} (target <= 1.20)`);
console.log(`peak RSS of the example: ${rss} MB (target <= 300 MB)`);
console.log(`runs: ${RUNS} each, alternating; node ${process.version}`);

// Importing the library's index (through tsx, like the example): best of five fresh processes.
const importScript = `const t = performance.now(); await import(${JSON.stringify(join(process.cwd(), 'src/index.ts'))}); console.log(performance.now() - t);`;
const imports = Array.from({ length: 5 }, () => Number(spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', importScript], { encoding: 'utf8' }).stdout));
console.log(`import of src/index.ts: ${Math.min(...imports).toFixed(0)} ms best of 5 (target < 400 ms)`);
rmSync(exampleOut, { recursive: true, force: true });
