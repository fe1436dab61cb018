/**
 * `npm run test:consumers`: the package as its users get it. Packs the library (prepack builds
 * dist), checks what the tarball holds, installs it into four fresh projects copied from the
 * fixtures beside this file, and synthesizes the README's quick start in each:
 *
 * - cdktf-init-ts: the files `cdktf init --template=typescript` renders at cdktf 0.21.0 (CommonJS,
 *   ts-node, target ES2018), only main.ts added; `npx ts-node main.ts`, then `cdktf synth`, then
 *   `npx gpu-tco report` and `npx gpu-tco prices show`;
 * - esm-ts: TypeScript compiled by tsc (NodeNext, strict, exactOptionalPropertyTypes, no
 *   skipLibCheck), run with node;
 * - esm-js: the quick start as plain JavaScript ESM (`node main.mjs`);
 * - cjs-js: the same with `require` (`node main.cjs`).
 *
 * Every run must write both stacks' cdk.tf.json and reports, a cost-report.json valid against the
 * shipped schema, and the same cdk.tf.json as every other run, with no path of the machine in it.
 * Installs use npm's cache and --ignore-scripts. Exit 1 on the first failure, naming it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Ajv from 'ajv';
import { quickStart, readmeBlocks, README, toCommonJs } from '../support/readme.js';

const root = join(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'gpu-cluster-consumers-'));
const keep = process.env.KEEP_CONSUMERS === '1';
const started = Date.now();
const STACKS = ['ml-cluster', 'ml-addons'];
const REPORTS = ['cdk.tf.json', 'cost-report.json', 'cost-report.md', 'policy-report.json', 'infracost-usage.yml', 'infracost-map.json'];

function step(what: string): void {
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${what}`);
}

function fail(message: string): never {
  console.error(`test:consumers FAILED: ${message}`);
  console.error(keep ? `projects kept in ${work}` : 'rerun with KEEP_CONSUMERS=1 to keep the projects');
  process.exit(1);
}

/** Runs a command; fails with its output when it exits non-zero. */
function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env }, maxBuffer: 64 << 20 });
  if (r.status !== 0) fail(`${relative(work, cwd) || '.'}: \`${command} ${args.join(' ')}\` exited ${r.status ?? r.signal}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function pack(): string {
  step('npm pack (prepack builds dist)');
  const out = run(root, 'npm', ['pack', '--json', '--pack-destination', work]);
  const [info] = JSON.parse(out.slice(out.search(/^\[/m))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  checkTarball(info!.files.map((f) => f.path));
  return join(work, info!.filename);
}

/** dist with JavaScript and declarations, a LICENSE, no TypeScript sources, tests or bench; README links that resolve. */
function checkTarball(files: string[]): void {
  const has = (p: string) => files.includes(p);
  for (const p of ['package.json', 'LICENSE', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/index.d.ts.map', 'dist/cli/gpu-tco.js', 'dist/cost/schema/cost-report.schema.json', 'dist/catalog/data/prices/us-east-1.json']) {
    if (!has(p)) fail(`the tarball has no ${p}`);
  }
  const sources = files.filter((f) => /\.[cm]?ts$/.test(f) && !/\.d\.[cm]?ts$/.test(f));
  if (sources.length) fail(`the tarball ships TypeScript sources: ${sources.slice(0, 5).join(', ')}`);
  const stray = files.filter((f) => /^(test|bench|scripts|examples|data-sources|src)\//.test(f));
  if (stray.length) fail(`the tarball ships files outside dist and docs: ${stray.slice(0, 5).join(', ')}`);
  const readme = readFileSync(README, 'utf8');
  for (const [, target] of readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
    if (/^[a-z]+:/.test(target!)) continue;
    const path = target!.replace(/\/$/, '');
    if (!files.some((f) => f === path || f.startsWith(`${path}/`))) fail(`README.md links to ${target}, which the tarball does not hold`);
  }
  step(`tarball: ${files.length} files, dist + docs + LICENSE, no sources`);
}

/** Copies a fixture, puts the tarball where its package.json expects it, installs. */
function project(fixture: string, tarball: string, files: Record<string, string>): string {
  const dir = join(work, fixture);
  cpSync(join(__dirname, fixture), dir, { recursive: true });
  cpSync(tarball, join(dir, 'cdktf-gpu-cluster.tgz'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  step(`${fixture}: npm install`);
  run(dir, 'npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error']);
  return dir;
}

const validateReport = (() => {
  let validate: ReturnType<Ajv['compile']> | undefined;
  return (dir: string, report: unknown) => {
    validate ??= new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(dir, 'node_modules/cdktf-gpu-cluster/dist/cost/schema/cost-report.schema.json'), 'utf8')));
    return validate(report) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`);
  };
})();

/** Checks one synth's outdir and returns its cdk.tf.json files, the project's path replaced. */
function checkOutdir(dir: string, label: string): Record<string, string> {
  const outdir = join(dir, 'cdktf.out');
  const trees: Record<string, string> = {};
  for (const stack of STACKS) {
    for (const file of REPORTS) {
      if (!existsSync(join(outdir, 'stacks', stack, file))) fail(`${label}: no cdktf.out/stacks/${stack}/${file}`);
    }
    const report = JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cost-report.json'), 'utf8'));
    const errors = validateReport(dir, report);
    if (errors.length) fail(`${label}: ${stack}/cost-report.json does not validate: ${errors.slice(0, 5).join('; ')}`);
    const tree = readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8');
    if (tree.includes(dir)) fail(`${label}: ${stack}/cdk.tf.json holds the project's path (${dir}): state paths must be relative`);
    trees[stack] = tree;
  }
  if (!existsSync(join(outdir, 'infracost.yml'))) fail(`${label}: no cdktf.out/infracost.yml`);
  if (readdirSync(dir).includes('infracost.yml')) fail(`${label}: synth wrote infracost.yml outside the outdir`);
  step(`${label}: both stacks written, reports valid`);
  return trees;
}

function main(): void {
  const blocks = readmeBlocks();
  const esm = quickStart(blocks);
  const tarball = pack();
  const results: Array<{ label: string; trees: Record<string, string> }> = [];
  const synth = (dir: string, label: string, command: string, args: string[]) => {
    rmSync(join(dir, 'cdktf.out'), { recursive: true, force: true });
    step(`${label}: ${command} ${args.join(' ')}`);
    run(dir, command, args);
    results.push({ label, trees: checkOutdir(dir, label) });
  };

  const init = project('cdktf-init-ts', tarball, { 'main.ts': esm });
  synth(init, 'cdktf-init-ts (ts-node)', 'npx', ['ts-node', 'main.ts']);
  synth(init, 'cdktf-init-ts (cdktf synth)', 'npx', ['cdktf', 'synth']);
  step('cdktf-init-ts: npx gpu-tco report; npx gpu-tco prices show --region us-east-1 --gpu h100');
  const report = run(init, 'npx', ['gpu-tco', 'report']);
  if (!/│ ml-cluster\s+│ us-west-2 │/.test(report) || !/│ total\s+│/.test(report)) fail(`npx gpu-tco report printed no table of both stacks:\n${report}`);
  const prices = run(init, 'npx', ['gpu-tco', 'prices', 'show', '--region', 'us-east-1', '--gpu', 'h100']);
  if (!/│ p5\.48xlarge\s+│ h100 │/.test(prices)) fail(`npx gpu-tco prices show printed no p5.48xlarge row:\n${prices}`);

  const esmTs = project('esm-ts', tarball, { 'main.ts': esm });
  step('esm-ts: tsc (NodeNext, exactOptionalPropertyTypes, skipLibCheck false)');
  run(esmTs, 'npx', ['tsc', '-p', '.']);
  synth(esmTs, 'esm-ts (node dist/main.js)', process.execPath, ['dist/main.js']);

  const esmJs = project('esm-js', tarball, { 'main.mjs': esm });
  synth(esmJs, 'esm-js (node main.mjs)', process.execPath, ['main.mjs']);

  const cjs = project('cjs-js', tarball, { 'main.cjs': toCommonJs(esm) });
  synth(cjs, 'cjs-js (node main.cjs)', process.execPath, ['main.cjs']);

  const [first, ...rest] = results;
  for (const r of rest) {
    for (const stack of STACKS) {
      if (r.trees[stack] !== first!.trees[stack]) fail(`${r.label}: ${stack}/cdk.tf.json differs from ${first!.label}'s`);
    }
  }
  step(`${results.length} synths, identical cdk.tf.json, no machine path`);
  if (!keep) rmSync(work, { recursive: true, force: true });
  console.log(`test:consumers passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main();
