/**
 * Fixed costs in the stack's own region, unpriced where no source prices them, and multi-year
 * figures that respect commitment terms and charge KMS rotations.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { App } from 'cdktf';
import { CapacityType, GpuCluster, GpuInstanceType, PriceBookSettings } from '../../src/index.js';
import { buildGpuClusterApp } from '../../examples/gpu-cluster/app.js';
import { bundledFixedPrice } from '../support/prices.js';

process.env.GPU_TCO_CONSOLE = 'off';
const r2 = (n: number) => Math.round(n * 100) / 100;
const costTags = { team: 'ml-platform', costCenter: 'cc-42', environment: 'prod' };

function synthCluster(region: string, configure?: (stack: App) => void) {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'regions-')) });
  const cluster = new GpuCluster(app, 'ml', { region, costTags });
  cluster.addNodeGroup('inference', { instanceTypes: [GpuInstanceType.G6E_12XLARGE], scaling: { min: 2, desired: 2, max: 8 }, capacityType: CapacityType.ON_DEMAND, costTags: { team: 'search', costCenter: 'cc-1234', environment: 'prod' } });
  configure?.(app);
  app.synth();
  const read = (stack: string) => JSON.parse(readFileSync(join(app.outdir, 'stacks', stack, 'cost-report.json'), 'utf8'));
  return { cluster: read('ml-cluster'), addons: read('ml-addons'), manifest: JSON.parse(readFileSync(join(app.outdir, 'manifest.json'), 'utf8')) };
}

test("the example in eu-central-1 (A100s: eu-central-1 sells no P5) prices NAT gateways and gp3 at eu-central-1's rates, with their sources", () => {
  const outdir = mkdtempSync(join(tmpdir(), 'regions-'));
  buildGpuClusterApp(outdir, { region: 'eu-central-1', trainingGpus: ['a100'] }).app.synth();
  const cluster = JSON.parse(readFileSync(join(outdir, 'stacks/ml-cluster/cost-report.json'), 'utf8'));
  const nat = cluster.lines.find((l: any) => l.constructPath === 'ml/ml-cluster/vpc/nat-gateways');
  // 3 gateways x 730 h x 0.052 (eu-central-1), not 0.045 (us-east-1).
  expect(nat.monthlyUsd.expected).toBe(r2(3 * 730 * 0.052));
  expect(nat.prices[0]).toMatchObject({ usdPerHour: 0.052, source: 'lamngockhuong/aws-price lib/data/pricing/natgateway.json @ ce57d15e54b2', asOf: '2025-11-03' });
  const storage = cluster.lines.find((l: any) => l.constructPath === 'ml/ml-cluster/inference' && l.category === 'storage');
  // 2 nodes x 200 GiB x 0.0952 (eu-central-1), not 0.08.
  expect(storage.monthlyUsd.expected).toBe(r2(2 * 200 * 0.0952));
  expect(storage.prices[0]).toMatchObject({ usdPerHour: 0.0952, source: 'yeo/ec2.shop data/ebs/ebs.json @ 576c890f33ae' });
  expect(cluster.priceSources.map((s: any) => s.source)).toEqual(expect.arrayContaining(['lamngockhuong/aws-price lib/data/pricing/natgateway.json @ ce57d15e54b2', 'yeo/ec2.shop data/ebs/ebs.json @ 576c890f33ae']));
  expect(JSON.stringify(cluster)).not.toContain('us-east-1 rate');
});

test('a fixed item no source prices in the region is an unpriced line with a warning, never borrowed; strictPrices makes it an error', () => {
  const { addons, manifest } = synthCluster('eu-central-1');
  const sqs = addons.lines.find((l: any) => l.constructPath === 'ml/ml-addons/karpenter/interruption');
  expect(sqs).toMatchObject({ monthlyUsd: { expected: 0, worstCase: 0 }, unpriced: ['sqs-requests-million'], prices: [] });
  expect(sqs.assumptions).toContain('sqs-requests-million: no sqs-requests-million price in eu-central-1, counted as 0');
  const warnings = manifest.stacks['ml-addons'].annotations.filter((a: any) => a.level === '@cdktf/warn').map((a: any) => a.message);
  expect(warnings).toContainEqual(expect.stringMatching(/^sqs-requests-million is unpriced in eu-central-1: no source the library bundles prices sqs-requests-million in eu-central-1 \(bundled for us-east-1\)/));
  expect(() => synthCluster('eu-central-1', (app) => {
    const addonsStack = app.node.findAll().find((c) => c.node.path === 'ml/ml-addons')!;
    PriceBookSettings.of(addonsStack).strictPrices();
  })).toThrow(/FIXED_PRICE_NOT_BUNDLED/);
});

test("multi-year figures apply a 1-year Savings Plan in year 1 only and charge the KMS key's first two rotations", () => {
  const outdir = mkdtempSync(join(tmpdir(), 'terms-'));
  buildGpuClusterApp(outdir).app.synth();
  const r = JSON.parse(readFileSync(join(outdir, 'stacks/ml-cluster/cost-report.json'), 'utf8'));
  const withPlan = r.totals.expected.monthly;
  // The month without the plan: the lines before it (the plan's saving is what it covers at 30 % off).
  const saving = ((10 * 730) / 0.7) * 0.3;
  const withoutPlan = r2(withPlan + saving);
  const kms = bundledFixedPrice('kms-rotation', 'us-west-2');
  expect(r.totals.expected.annual).toBe(r2(withPlan * 12));
  // Year 1 with the plan; years 2 and 3 without; the key costs 1 USD more a month in year 2 and 2 more in year 3.
  expect(r.totals.expected.nYear).toBeCloseTo(withPlan * 12 + withoutPlan * 24 + 12 * kms + 24 * kms, 0);
  const key = r.lines.find((l: any) => l.constructPath === 'ml/ml-cluster/eks/kms-key');
  expect(key.monthlyIncreases).toEqual([
    { afterMonths: 12, usd: kms, why: 'rotation 1 after 365 days' },
    { afterMonths: 24, usd: kms, why: 'rotation 2 after 730 days' },
  ]);
});
