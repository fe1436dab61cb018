/** A failed synth: one GpuClusterError listing every problem once, and nothing of it written. */
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
  // Nothing of the failed synth: no stack directory (the first stack was valid), no manifest, no infracost.yml.
  expect(readdirSync(join(outdir, 'stacks'))).toEqual([]);
  expect(existsSync(join(outdir, 'manifest.json'))).toBe(false);
  expect(existsSync(join(outdir, 'infracost.yml'))).toBe(false);
});

test("a failed synth leaves the previous good synth's files as they were", () => {
  const outdir = mkdtempSync(join(tmpdir(), 'fail-'));
  clusterApp(outdir, 'us-west-2', ['h100', 'a100']).synth();
  const files = ['stacks/ml-cluster/cost-report.json', 'stacks/ml-addons/cost-report.json', 'stacks/ml-addons/cdk.tf.json', 'manifest.json', 'infracost.yml'];
  const before = files.map((f) => readFileSync(join(outdir, f), 'utf8'));
  expect(() => clusterApp(outdir, 'eu-central-1', ['h100']).synth()).toThrow(/NO_PRICE_IN_REGION/);
  expect(files.map((f) => readFileSync(join(outdir, f), 'utf8'))).toEqual(before);
});
