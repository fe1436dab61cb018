/** The gate prices again when anything that changes a figure changes between two synths of one app. */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { GpuInstanceType, GpuNodeGroup, PriceBookSettings } from '../../src/index.js';
import { newStack } from '../support/synth.js';
import { errorOf } from '../support/errors.js';

process.env.GPU_TCO_CONSOLE = 'off';
const tags = { team: 'search', costCenter: 'cc-1234', environment: 'prod' };

function build() {
  const { app, stack } = newStack('us-east-1', 'ml');
  new GpuNodeGroup(stack, 'g', { clusterName: 'ml-prod', subnetIds: ['subnet-a'], instanceTypes: [GpuInstanceType.G6E_12XLARGE], scaling: { min: 1, desired: 1, max: 1 }, costTags: tags });
  const compute = () => JSON.parse(readFileSync(join(app.outdir, 'stacks/ml/cost-report.json'), 'utf8')).lines.find((l: any) => l.category === 'compute');
  return { app, stack, compute };
}

test('an override made between two synths of one app changes the second report', () => {
  const { app, stack, compute } = build();
  app.synth();
  expect(compute().prices[0].source).not.toBe('override in code');
  PriceBookSettings.of(stack).override({ onDemand: { 'g6e.12xlarge': 9 } });
  app.synth();
  expect(compute().monthlyUsd.expected).toBe(9 * 730);
  expect(compute().prices[0].source).toBe('override in code');
});

test('a lock file rewritten between two synths is read again', () => {
  const { app, stack, compute } = build();
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  const file = join(dir, 'gpu-prices.lock.json');
  const lock = (usd: number) => ({ schemaVersion: 1, region: 'us-east-1', fetchedAt: '2026-11-30T00:00:00Z', source: 'AWS Price List API', onDemand: { 'g6e.12xlarge': usd }, spot: {} });
  writeFileSync(file, JSON.stringify(lock(10)));
  PriceBookSettings.of(stack).lockFile(file);
  app.synth();
  expect(compute().monthlyUsd.expected).toBe(7300);
  writeFileSync(file, JSON.stringify(lock(11)));
  app.synth();
  expect(compute().monthlyUsd.expected).toBe(8030);
});

test.each([
  [{ onDemand: { 'g6e.12xlarg': 9 } }, 'overrides.onDemand', 'g6e.12xlarge'],
  [{ spot: { 'p5.48xlarge2': 30 } }, 'overrides.spot', 'p5.48xlarge'],
  [{ fixed: { 'nat-gateways': 0.05 } }, 'overrides.fixed', 'nat-gateway'],
])('an override key that names nothing (%j) is UNKNOWN_OVERRIDE_KEY with the closest name', (overrides, prop, closest) => {
  const { stack } = build();
  const e = errorOf(() => PriceBookSettings.of(stack).override(overrides as never));
  expect(e.code).toBe('UNKNOWN_OVERRIDE_KEY');
  expect(e.message).toContain(`${prop}: is not`);
  expect(e.message).toContain(`Fix: use ${closest}`);
});
