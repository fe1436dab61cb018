/** The spot price basis: which figure of the AZ spot prices the engine uses, named in the report. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CapacityType, GpuInstanceType, GpuNodeGroup, PriceBookSettings, SpotPriceBasis } from '../../src/index.js';
import { newStack } from '../support/synth.js';
import { errorOf } from '../support/errors.js';

process.env.GPU_TCO_CONSOLE = 'off';
// The bundled us-east-1 spot prices of g6e.12xlarge per AZ ID, read from the data file.
const az: Record<string, number> = JSON.parse(readFileSync(join(__dirname, '../../src/catalog/data/prices/us-east-1.json'), 'utf8')).spot['g6e.12xlarge'];
const sorted = Object.values(az).sort((a, b) => a - b);
const r2 = (n: number) => Math.round(n * 100) / 100;

function spotLine(basis?: SpotPriceBasis) {
  const { app, stack } = newStack('us-east-1', 'ml');
  if (basis) PriceBookSettings.of(stack).spotPriceBasis(basis);
  new GpuNodeGroup(stack, 'g', {
    clusterName: 'ml-prod', subnetIds: ['subnet-a'], instanceTypes: [GpuInstanceType.G6E_12XLARGE], scaling: { min: 1, desired: 1, max: 1 }, capacityType: CapacityType.SPOT,
    costTags: { team: 'search', costCenter: 'cc-1234', environment: 'prod' },
  });
  app.synth();
  const report = JSON.parse(readFileSync(join(app.outdir, 'stacks/ml/cost-report.json'), 'utf8'));
  const line = report.lines.find((l: any) => l.category === 'compute');
  return { line, spot: line.prices.find((p: any) => p.what.includes(' spot')) };
}

test.each([
  ['the default, MEDIAN_AZ', undefined, (sorted[1]! + sorted[2]!) / 2, 'median of 4 AZs'],
  ['CHEAPEST_AZ', SpotPriceBasis.CHEAPEST_AZ, sorted[0]!, 'cheapest of 4 AZs'],
  ['MEAN_AZ', SpotPriceBasis.MEAN_AZ, sorted.reduce((a, b) => a + b, 0) / 4, 'mean of 4 AZs'],
  ['azIds([use1-az4, use1-az1])', SpotPriceBasis.azIds(['use1-az4', 'use1-az1']), (az['use1-az1']! + az['use1-az4']!) / 2, 'median of the named AZs use1-az1, use1-az4'],
  ['azIds([use1-az6])', SpotPriceBasis.azIds(['use1-az6']), az['use1-az6']!, 'median of the named AZs use1-az6'],
])('%s: 730 h at that figure, named in the report', (_name, basis, hourly, words) => {
  const { line, spot } = spotLine(basis);
  expect(line.monthlyUsd.expected).toBe(r2(730 * hourly));
  expect(spot).toMatchObject({ what: `g6e.12xlarge spot (${words})`, basis: words });
});

test('a list that is not AZ IDs is INVALID_AZ_IDS; something else than a basis is INVALID_SPOT_PRICE_BASIS', () => {
  expect(errorOf(() => SpotPriceBasis.azIds(['us-east-1a'])).code).toBe('INVALID_AZ_IDS');
  expect(errorOf(() => SpotPriceBasis.azIds([])).code).toBe('INVALID_AZ_IDS');
  const { stack } = newStack('us-east-1', 'x');
  expect(errorOf(() => PriceBookSettings.of(stack).spotPriceBasis('MEDIAN' as never)).code).toBe('INVALID_SPOT_PRICE_BASIS');
});
