/**
 * `gpu-tco check` on the GpuCluster example's own synthesized files: budgets span both stacks as at
 * synth, commitments apply to Infracost's figures, and a breakdown in another currency needs a rate.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/program.js';
import { buildGpuClusterApp } from '../../examples/gpu-cluster/app.js';
import { captureIo } from './support.js';
import { catalogOnDemand, clusterBreakdown } from '../support/cluster-breakdown.js';
import { repoRoot, schemaErrors } from '../support/infracost.js';

process.env.GPU_TCO_CONSOLE = 'off';
const dir = mkdtempSync(join(tmpdir(), 'gpu-tco-cluster-'));
const outdir = join(dir, 'cdktf.out');
buildGpuClusterApp(outdir).app.synth();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STACKS = ['ml-addons', 'ml-cluster'];
const report = (stack: string) => JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cost-report.json'), 'utf8'));
const tf = JSON.parse(readFileSync(join(outdir, 'stacks/ml-cluster/cdk.tf.json'), 'utf8'));
const inferenceGroup = `aws_eks_node_group.${Object.keys(tf.resource.aws_eks_node_group).find((k) => k.startsWith('inference'))}`;

function write(name: string, doc: unknown): string {
  expect(schemaErrors('breakdown', doc)).toEqual([]);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}
async function check(...args: string[]) {
  return checkWithStdin(undefined, ...args);
}
async function checkWithStdin(stdin: string | undefined, ...args: string[]) {
  const io = captureIo(repoRoot, undefined, stdin);
  const code = await runCli(['check', '--out-dir', outdir, ...args], io);
  return { code, out: io.out(), err: io.err() };
}

// By hand: g6e.12xlarge in us-west-2 at the catalog's price; the Savings Plan commits 10 USD/h for
// 30 % off g6e, so it covers 7,300 / 0.7 = 10,428.57 USD of on-demand g6e a month and saves 30 % of that.
const g6e = catalogOnDemand('us-west-2', 'g6e.12xlarge');
const covered = (10 * 730) / 0.7;
const saving = covered * 0.3;

test('the scaled search node group breaks the search budget that spans both stacks (exit 1, the real figure)', async () => {
  const file = write('scaled', clusterBreakdown(outdir, STACKS, 'us-west-2', { scaleInstances: { [inferenceGroup]: 10 } }));
  const { code, out, err } = await check('--infracost', file, '--format', 'json');
  expect(code).toBe(1);
  const r = JSON.parse(out);
  const search = r.stacks.find((s: any) => s.stack === 'ml-addons').budgets.find((b: any) => b.constructPath === 'ml/ml-addons/search-budget');
  // 20 nodes x 730 h x g6e + 20 x 200 GB x 0.08 gp3, less the plan's saving (fully used).
  const expected = Math.round((20 * 730 * g6e + 20 * 200 * 0.08 - saving) * 100) / 100;
  expect(search).toMatchObject({ scope: 'team=search', basis: 'EXPECTED', monthlyLimitUsd: 40_000, status: 'exceeded', stacks: ['ml-addons', 'ml-cluster'] });
  expect(search.projectedMonthlyUsd).toBeCloseTo(expected, 1);
  expect(err).toContain('ml/ml-addons/search-budget (team=search, EXPECTED)');
  const md = (await check('--infracost', file)).out;
  expect(md).toMatch(/\| ml\/ml-addons\/search-budget \| team=search \(stacks ml-addons \+ ml-cluster\) \| EXPECTED \| 40,000\.00 \| [\d,.]+ \| [\d.]+ \| \*\*OVER BUDGET\*\* \|/);
});

test('unscaled, every budget reads the figure synth computed, the Savings Plan applied and no drift', async () => {
  const file = write('head', clusterBreakdown(outdir, STACKS, 'us-west-2'));
  const { code, out } = await check('--infracost', file, '--format', 'json');
  expect(code).toBe(0);
  const r = JSON.parse(out);
  expect(r.drift).toEqual([]);
  const cluster = r.stacks.find((s: any) => s.stack === 'ml-cluster');
  // Synth's 12,561.35, not Infracost's undiscounted 15,689.92.
  expect(cluster.monthlyUsd).toBeCloseTo(report('ml-cluster').totals.expected.monthly, 1);
  expect(cluster.commitmentsMonthlyUsd).toBeCloseTo(-saving, 1);
  for (const b of report('ml-addons').budgets) {
    const checked = r.stacks.find((s: any) => s.stack === 'ml-addons').budgets.find((x: any) => x.constructPath === b.constructPath);
    expect(checked.projectedMonthlyUsd).toBeCloseTo(b.projectedMonthlyUsd, 1);
  }
  // Search: 2 nodes of g6e and 400 GB gp3, less the saving.
  expect(report('ml-addons').budgets.find((b: any) => b.scope === 'team=search').projectedMonthlyUsd).toBeCloseTo(1460 * g6e + 32 - saving, 1);
});

test('--infracost - reads the breakdown from standard input', async () => {
  const doc = clusterBreakdown(outdir, STACKS, 'us-west-2');
  const file = write('stdin-twin', doc);
  const fromFile = await check('--infracost', file, '--format', 'json');
  const fromStdin = await checkWithStdin(JSON.stringify(doc), '--infracost', '-', '--format', 'json');
  expect(fromStdin.code).toBe(0);
  expect(JSON.parse(fromStdin.out).stacks).toEqual(JSON.parse(fromFile.out).stacks);
  const both = await checkWithStdin('{}', '--infracost', '-', '--compare-to', '-');
  expect(both.code).toBe(2);
  expect(both.err).toContain('both ask for standard input');
});

test('a breakdown in EUR exits 2 with one line; with --usd-rate it is converted and the summary says so', async () => {
  const file = write('eur', clusterBreakdown(outdir, STACKS, 'us-west-2', { currency: { code: 'EUR', perUsd: 0.8 } }));
  const refused = await check('--infracost', file);
  expect(refused.code).toBe(2);
  expect(refused.out).toBe('');
  expect(refused.err.trim().split('\n')).toHaveLength(1);
  expect(refused.err).toMatch(/is in EUR, but budgets .* are in USD; .*--usd-rate <USD per EUR>/);
  const converted = await check('--infracost', file, '--usd-rate', '1.25');
  expect(converted.code).toBe(0);
  expect(converted.out).toContain("Infracost's figures are in EUR, converted at 1.25 USD per EUR (--usd-rate).");
  const json = JSON.parse((await check('--infracost', file, '--usd-rate', '1.25', '--format', 'json')).out);
  expect(json.conversion).toEqual({ from: 'EUR', usdRate: 1.25 });
  expect(json.drift).toEqual([]);
  expect(json.stacks.find((s: any) => s.stack === 'ml-cluster').monthlyUsd).toBeCloseTo(report('ml-cluster').totals.expected.monthly, 1);
  for (const bad of ['0', '-1', 'abc']) expect((await check('--infracost', file, '--usd-rate', bad)).code).toBe(2);
});
