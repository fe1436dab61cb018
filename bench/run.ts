/**
 * `npm run bench`: the README's quick start, synthesized from the packed package in a fresh
 * project (test/consumers/cdktf-init-ts's layout, compiled, plain node), side by side with the same
 * GPU cluster built with cdk-eks-blueprints 1.19.0 (bench/blueprints, plain node); for reference,
 * the repository's examples/gpu-cluster through tsx (`npm run synth`) and a bare cdktf app
 * declaring the example's blocks by hand. Each case runs in fresh processes, alternating, after
 * one warm-up run each; each process reports its own elapsed time and peak RSS at exit
 * (bench/measure.cjs). Then the package entry's import time with plain node, and `npm test`'s wall
 * time. Prints each target with PASS or FAIL; never exits non-zero for a missed target.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBlueprints } from './blueprints-install.js';
import { installConsumerProject } from './consumer-project.js';

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
const root = join(__dirname, '..');
// The package's targets: against blueprints' wall time, peak RSS, import of the entry, npm test.
const QUICK_START_RATIO_TARGET = 0.5;
const QUICK_START_RSS_TARGET_MB = 120;
const IMPORT_TARGET_MS = 150;
const NPM_TEST_TARGET_S = 90;
// The repository example's own targets (through tsx, as `npm run synth` runs it).
const EXAMPLE_RATIO_TARGET = 0.8;
const EXAMPLE_RSS_TARGET_MB = 150;

interface Case { name: string; entry: string; runner: 'node' | 'tsx'; cwd?: string; env?: Record<string, string>; nodeFlags?: readonly string[] }
interface Sample { ms: number; cpuMs: number; maxRssKb: number }

// The node flags `cdktf synth` (cdktf.json's app) and `npm run synth` run the example with.
const appCommand = (JSON.parse(readFileSync(join(root, 'cdktf.json'), 'utf8')) as { app: string }).app.split(/\s+/);
const RUNNER_FLAGS = appCommand.slice(1, appCommand.indexOf('--import')).filter((f) => f.startsWith('--'));

console.log('packing the package and installing it into a fresh project (cdktf init layout)…');
const consumer = installConsumerProject();
const quickStart: Case = { name: 'quick start (package, plain node)', entry: consumer.entry, runner: 'node', cwd: consumer.dir };
const example: Case = { name: 'examples/gpu-cluster (tsx)', entry: 'examples/gpu-cluster/main.ts', runner: 'tsx', nodeFlags: RUNNER_FLAGS };
const blueprints: Case = { name: 'cdk-eks-blueprints 1.19.0', entry: 'bench/blueprints/gpu-cluster.mjs', runner: 'node' };
const bare: Case = { name: 'bare cdktf (same blocks, tsx)', entry: 'bench/bare-from-synth.ts', runner: 'tsx', nodeFlags: RUNNER_FLAGS };

function spawnCase(c: Case, outdir: string, report?: string) {
  const preload = report ? ['--require', join(root, 'bench/measure.cjs')] : [];
  const env: NodeJS.ProcessEnv = { ...process.env, ...c.env, CDKTF_OUTDIR: outdir, GPU_TCO_CONSOLE: 'off' };
  delete env.NODE_OPTIONS;
  if (report) env.BENCH_REPORT = report;
  const loader = c.runner === 'tsx' ? ['--import', 'tsx'] : [];
  return spawnSync(process.execPath, [...(c.nodeFlags ?? []), ...loader, ...preload, c.entry], { cwd: c.cwd ?? root, env, encoding: 'utf8' });
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
console.log(`${quickStart.name}: ${warmUp(quickStart, cdktfWork)}`);

const cases: Case[] = [quickStart, example];
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
const row = (c: Case) => rows.find((r) => r.case === c.name);
const quick = row(quickStart)!;
const ex = row(example)!;
const theirs = row(blueprints);
const line = (what: string, figure: string, target: string, ok: boolean) => console.log(`${what}: ${figure} (target ${target}) ${verdict(ok)}`);
if (theirs) {
  const ratio = quick['synth ms (median)'] / theirs['synth ms (median)'];
  line('quick start (package, plain node) / blueprints, wall time', ratio.toFixed(2), `<= ${QUICK_START_RATIO_TARGET}`, ratio <= QUICK_START_RATIO_TARGET);
  // CPU time does not count the waits of a loaded machine: a steadier second opinion on the same runs.
  console.log(`quick start / blueprints, CPU time: ${(quick['CPU ms (median)'] / theirs['CPU ms (median)']).toFixed(2)} (reference)`);
  const exRatio = ex['synth ms (median)'] / theirs['synth ms (median)'];
  line('examples/gpu-cluster (tsx) / blueprints, wall time', exRatio.toFixed(2), `<= ${EXAMPLE_RATIO_TARGET}`, exRatio <= EXAMPLE_RATIO_TARGET);
  console.log(`peak RSS of cdk-eks-blueprints: ${theirs['peak RSS MB (median)']} MB (reference)`);
}
line('quick start (package, plain node) peak RSS', `${quick['peak RSS MB (median)']} MB`, `<= ${QUICK_START_RSS_TARGET_MB} MB`, quick['peak RSS MB (median)'] <= QUICK_START_RSS_TARGET_MB);
line('examples/gpu-cluster (tsx) peak RSS', `${ex['peak RSS MB (median)']} MB`, `<= ${EXAMPLE_RSS_TARGET_MB} MB`, ex['peak RSS MB (median)'] <= EXAMPLE_RSS_TARGET_MB);
const bareRow = row(bare);
if (bareRow) console.log(`examples/gpu-cluster / bare cdktf (both tsx): ${(ex['synth ms (median)'] / bareRow['synth ms (median)']).toFixed(2)} (reference, no target)`);
console.log(`runs: ${RUNS} each, alternating, fresh processes; tsx cases with node ${[...RUNNER_FLAGS, '--import tsx'].join(' ')}, the others plain node; node ${process.version}`);

// Importing the package entry with plain node, from the consumer project: five fresh processes.
const HEAVY = /node_modules\/(cdktf|@cdktf\/provider-[a-z]+|ajv|yaml|@aws-sdk)\//;
const importScript = `const t = performance.now(); require('cdktf-gpu-cluster'); const ms = performance.now() - t;
const heavy = [...new Set(Object.keys(require.cache).filter((k) => ${HEAVY}.test(k)).map((k) => k.match(${HEAVY})[1]))];
console.log(JSON.stringify({ ms, heavy }));`;
const imports = Array.from({ length: 5 }, () => {
  const r = spawnSync(process.execPath, ['-e', importScript], { cwd: consumer.dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`importing the package failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as { ms: number; heavy: string[] };
});
const importMs = median(imports.map((i) => i.ms));
const heavy = [...new Set(imports.flatMap((i) => i.heavy))];
line("require('cdktf-gpu-cluster') with plain node, median of 5", `${importMs.toFixed(0)} ms`, `<= ${IMPORT_TARGET_MS} ms`, importMs <= IMPORT_TARGET_MS);
line('modules that import loads', heavy.length ? heavy.join(', ') : 'no cdktf, provider, ajv, yaml or AWS SDK', 'none of them', heavy.length === 0);
consumer.dispose();

// npm test, once, alone on the machine (set BENCH_NPM_TEST=0 to skip).
if (process.env.BENCH_NPM_TEST !== '0') {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const t0 = performance.now();
  const r = spawnSync('npm', ['test'], { cwd: root, env, stdio: 'ignore' });
  const s = (performance.now() - t0) / 1000;
  line(`npm test (exit ${r.status})`, `${s.toFixed(0)} s`, `<= ${NPM_TEST_TARGET_S} s`, r.status === 0 && s <= NPM_TEST_TARGET_S);
}
