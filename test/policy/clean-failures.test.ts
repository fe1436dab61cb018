/** A failed synth: one GpuClusterError listing every problem once, and no partial set of reports left. */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { CapacityType, GpuCluster, GpuInstanceType } from '../../src/index.js';
import { errorOf } from '../support/errors.js';

process.env.GPU_TCO_CONSOLE = 'off';
const costTags = { team: 'ml-platform', costCenter: 'cc-42', environment: 'prod' };

function clusterApp(outdir: string, region: string, gpuNames: string[]) {
  const app = new App({ outdir });
  const cluster = new GpuCluster(app, 'ml', { region, costTags });
  cluster.addNodeGroup('inference', { instanceTypes: [GpuInstanceType.G6E_12XLARGE], scaling: { min: 2, desired: 2, max: 8 }, capacityType: CapacityType.ON_DEMAND });
  cluster.addSpotPool('training', { gpuNames, gpuLimit: 64, expectedGpusInUse: 24 });
  return app;
}

test('every type without a price in the region is named once, in one error, with the regions that price it', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'fail-'));
  const e = errorOf(() => clusterApp(outdir, 'eu-central-1', ['h100', 'a100']).synth());
  expect(e.code).toBe('NO_PRICE_IN_REGION');
  expect(e.problems).toHaveLength(1);
  expect(e.problems![0]!.path).toBe('ml/ml-addons/training');
  for (const type of ['p5.4xlarge', 'p5.48xlarge']) {
    expect(e.message.split(`${type} (used by ml/ml-addons/training; priced in: `)).toHaveLength(2);
  }
  expect(e.message).toMatch(/p5\.48xlarge \(used by ml\/ml-addons\/training; priced in: [^)]*us-west-2\)/);
  expectNoReports(outdir);
  expect(existsSync(join(outdir, 'manifest.json'))).toBe(false);
});

/** No cost or policy report and no Infracost file anywhere in the out dir. */
function expectNoReports(outdir: string): void {
  const left = readdirSync(join(outdir, 'stacks')).flatMap((s) => readdirSync(join(outdir, 'stacks', s)).filter((f) => /^(cost-report|policy-report|infracost-)/.test(f)).map((f) => `${s}/${f}`));
  expect(left).toEqual([]);
  expect(existsSync(join(outdir, 'infracost.yml'))).toBe(false);
}

test('a synth that fails in its second stack leaves no reports of the first, nor any of an earlier good synth', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'fail-'));
  clusterApp(outdir, 'us-west-2', ['h100', 'a100']).synth();
  expect(existsSync(join(outdir, 'stacks/ml-cluster/cost-report.json'))).toBe(true);
  // ml-cluster (first) passes and is written; ml-addons fails: no partial set of reports is left.
  expect(() => clusterApp(outdir, 'eu-central-1', ['h100']).synth()).toThrow(/NO_PRICE_IN_REGION/);
  expect(JSON.parse(readFileSync(join(outdir, 'stacks/ml-cluster/cdk.tf.json'), 'utf8')).provider.aws[0].region).toBe('eu-central-1');
  expectNoReports(outdir);
});
