/**
 * `npm run bench`: synth of examples/gpu-cluster (every stack it holds) side by side with the
 * same GPU cluster built with cdk-eks-blueprints 1.19.0 (bench/blueprints), and, for reference, a
 * bare cdktf app declaring the example's blocks by hand. Each case runs in fresh processes through
 * the same runner, alternating, after one warm-up run each: the command of cdktf.json's `app`
 * (node, its V8 flags, --import tsx). For reference the example runs once more without those flags.
 * Each process reports its own elapsed time and peak RSS at exit (bench/measure.ts).
 * Targets (issue 13, correction 13): example <= 0.8x the blueprints time, peak RSS <= 150 MB.
 * Prints PASS/FAIL; never exits non-zero for a missed target.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBlueprints } from './blueprints-install.js';

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
const TIME_RATIO_TARGET = 0.8;
const RSS_TARGET_MB = 150;

interface Case { name: string; entry: string; env?: Record<string, string>; nodeFlags?: readonly string[] }
interface Sample { ms: number; cpuMs: number; maxRssKb: number }

// The node flags `cdktf synth` (cdktf.json's app) and `npm run synth` run the example with.
const appCommand = (JSON.parse(readFileSync('cdktf.json', 'utf8')) as { app: string }).app.split(/\s+/);
const RUNNER_FLAGS = appCommand.slice(1, appCommand.indexOf('--import')).filter((f) => f.startsWith('--'));
const example: Case = { name: 'examples/gpu-cluster', entry: 'examples/gpu-cluster/main.ts' };
const examplePlain: Case = { ...example, name: 'examples/gpu-cluster, no V8 flags', nodeFlags: [] };
const blueprints: Case = { name: 'cdk-eks-blueprints 1.19.0', entry: 'bench/blueprints/gpu-cluster.mjs' };
const bare: Case = { name: 'bare cdktf (same blocks)', entry: 'bench/bare-from-synth.ts' };

function spawnCase(c: Case, outdir: string, report?: string) {
  const preload = report ? ['--import', './bench/measure.ts'] : [];
  const env: NodeJS.ProcessEnv = { ...process.env, ...c.env, CDKTF_OUTDIR: outdir, GPU_TCO_CONSOLE: 'off' };
  delete env.NODE_OPTIONS;
  if (report) env.BENCH_REPORT = report;
  return spawnSync(process.execPath, [...(c.nodeFlags ?? RUNNER_FLAGS), '--import', 'tsx', ...preload, c.entry], { env, encoding: 'utf8' });
}

function runOnce(c: Case): Sample {
  const dir = mkdtempSync(join(tmpdir(), 'gpu-bench-'));
  try {
    const report = join(dir, 'report.json');
    const r = spawnCase(c, join(dir, 'out'), report);
    if (r.status !== 0) throw new Error(`${c.entry} failed (${r.status}):\n${r.stderr}`);
    return JSON.parse(readFileSync(report, 'utf8')) as Sample;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Our outdir: resources and data sources per cdktf stack (from its manifest.json). */
function cdktfWork(outdir: string): string {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
  const parts = Object.entries(manifest.stacks).map(([name, s]) => {
    const json = JSON.parse(readFileSync(join(outdir, s.synthesizedStackPath), 'utf8')) as Record<string, Record<string, object> | undefined>;
    const count = (kind: string) => Object.values(json[kind] ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
    return `${name}: ${count('resource')} resources, ${count('data')} data sources`;
  });
  return `${parts.length} stack(s) — ${parts.join('; ')}`;
}

/** The blueprints cloud assembly: CloudFormation resources over every template (nested stacks too). */
function cfnWork(outdir: string): { text: string; resources: number } {
  const templates = readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
  const resources = templates.reduce((n, f) => n + Object.keys((JSON.parse(readFileSync(join(outdir, f), 'utf8')) as { Resources?: object }).Resources ?? {}).length, 0);
  return { text: `${templates.length} templates (nested stacks included), ${resources} CloudFormation resources`, resources };
}

/** One unmeasured run that keeps its output: warms the file and tsx caches and shows what the case builds. */
function warmUp<T>(c: Case, describe: (outdir: string) => T): T {
  const outdir = mkdtempSync(join(tmpdir(), 'gpu-bench-warm-'));
  try {
    const r = spawnCase(c, outdir);
    if (r.status !== 0) throw new Error(`${c.entry} failed (${r.status}):\n${r.stderr}`);
    return describe(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

// The example's output feeds the bare baseline; keep it for the duration of the run.
const exampleOut = mkdtempSync(join(tmpdir(), 'gpu-bench-example-'));
const first = spawnCase(example, exampleOut);
if (first.status !== 0) throw new Error(`the example failed to synthesize:\n${first.stderr}`);
console.log(`${example.name}: ${cdktfWork(exampleOut)}`);

const cases: Case[] = [example, examplePlain];
const skipped = ensureBlueprints();
if (skipped) {
  console.log(`cdk-eks-blueprints comparison skipped: ${skipped}.`);
} else {
  const { text, resources } = warmUp(blueprints, cfnWork);
  if (resources < 50) throw new Error(`the blueprints app synthesized only ${resources} CloudFormation resources: not the GPU cluster`);
  console.log(`${blueprints.name}: ${text}`);
  cases.push(blueprints);
}
try {
  const withInput = { ...bare, env: { BARE_FROM: exampleOut } };
  warmUp(withInput, () => undefined);
  cases.push(withInput);
} catch (e) {
  console.log(`bare cdktf baseline left out: ${(e as Error).message.split('\n').find((l) => /Error:/.test(l)) ?? 'it failed'}`);
}

const samples = cases.map(() => [] as Sample[]);
for (let i = 0; i < RUNS; i++) cases.forEach((c, j) => samples[j]!.push(runOnce(c)));
rmSync(exampleOut, { recursive: true, force: true });

const rows = cases.map((c, j) => ({
  case: c.name,
  'synth ms (median)': Math.round(median(samples[j]!.map((s) => s.ms))),
  'min–max ms': `${Math.round(Math.min(...samples[j]!.map((s) => s.ms)))}–${Math.round(Math.max(...samples[j]!.map((s) => s.ms)))}`,
  'CPU ms (median)': Math.round(median(samples[j]!.map((s) => s.cpuMs))),
  'peak RSS MB (median)': Math.round(median(samples[j]!.map((s) => s.maxRssKb)) / 1024),
}));
console.table(rows);
const ours = rows[0]!;
const theirs = rows.find((r) => r.case === blueprints.name);
if (theirs) {
  const ratio = ours['synth ms (median)'] / theirs['synth ms (median)'];
  console.log(`synth time ratio example/blueprints: ${ratio.toFixed(2)} (target <= ${TIME_RATIO_TARGET}) ${verdict(ratio <= TIME_RATIO_TARGET)}`);
  // CPU time does not count the waits of a loaded machine: a steadier second opinion on the same runs.
  console.log(`CPU time ratio example/blueprints: ${(ours['CPU ms (median)'] / theirs['CPU ms (median)']).toFixed(2)} (reference)`);
  console.log(`peak RSS of cdk-eks-blueprints: ${theirs['peak RSS MB (median)']} MB (reference)`);
}
const bareRow = rows.find((r) => r.case === bare.name);
if (bareRow) console.log(`synth time ratio example/bare cdktf: ${(ours['synth ms (median)'] / bareRow['synth ms (median)']).toFixed(2)} (reference, no target)`);
console.log(`peak RSS of the example: ${ours['peak RSS MB (median)']} MB (target <= ${RSS_TARGET_MB} MB) ${verdict(ours['peak RSS MB (median)'] <= RSS_TARGET_MB)}`);
const plainRow = rows.find((r) => r.case === examplePlain.name)!;
console.log(`peak RSS of the example without ${RUNNER_FLAGS.join(' ') || 'flags'}: ${plainRow['peak RSS MB (median)']} MB (reference)`);
console.log(`runs: ${RUNS} each, alternating, fresh processes (node ${[...RUNNER_FLAGS, '--import tsx'].join(' ')}); node ${process.version}`);

// Importing the library's index (through tsx, like the example): best of five fresh processes.
const importScript = `const t = performance.now(); await import(${JSON.stringify(join(process.cwd(), 'src/index.ts'))}); console.log(performance.now() - t);`;
const imports = Array.from({ length: 5 }, () => Number(spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', importScript], { encoding: 'utf8' }).stdout));
const importMs = Math.min(...imports);
console.log(`import of src/index.ts: ${importMs.toFixed(0)} ms best of 5 (target < 400 ms) ${verdict(importMs < 400)}`);
