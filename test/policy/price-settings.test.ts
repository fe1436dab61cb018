import { Construct } from 'constructs';
import { GpuClusterError } from '../../src/index.js';
import { PriceBookSettings } from '../../src/policy/price-settings.js';
import { newStack } from '../support/synth.js';
import { errorOf } from '../support/errors.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack, TerraformVariable } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';

describe('PriceBookSettings', () => {
  test("a stack's price book is in its provider's region; settings are per stack and overrides win", () => {
    const { stack } = newStack('us-west-2');
    const child = new Construct(stack, 'pool');
    PriceBookSettings.of(child).override({ onDemand: { 'g6e.12xlarge': 9.5 } });
    const book = PriceBookSettings.of(stack).priceBook(child);
    expect(book.region).toBe('us-west-2');
    expect(book.onDemand('g6e.12xlarge')).toEqual({ usdPerHour: 9.5, source: 'override in code', asOf: null });
    expect(PriceBookSettings.of(stack).priceBook()).toBe(book);
    const other = newStack('us-west-2', 'other').stack;
    expect(PriceBookSettings.of(other).priceBook().onDemand('g6e.12xlarge').usdPerHour).toBe(10.49264);
  });

  test('bad overrides fail at once, naming the stack', () => {
    const { stack } = newStack('us-west-2', 'bad');
    try {
      PriceBookSettings.of(stack).override({ onDemand: { 'g6e.12xlarge': -3 } });
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(GpuClusterError);
      expect((e as Error).message).toContain('[bad] overrides.onDemand["g6e.12xlarge"]: must be a positive, finite price in USD of at most 10,000 (an hour per instance, or per unit of a fixed item). Given: -3.');
    }
  });

  test('a named region that contradicts the literal provider region is REGION_CONFLICT; it stands in for a token region', () => {
    const { stack } = newStack('us-east-1', 'conflict');
    const e = errorOf(() => PriceBookSettings.of(stack).region('eu-west-3').priceBook());
    expect(e.code).toBe('REGION_CONFLICT');
    expect(e.message).toContain('deploys to us-east-1');
    expect(PriceBookSettings.of(newStack('us-east-1', 'same').stack).region('us-east-1').priceBook().region).toBe('us-east-1');
  });

  test('strictPrices, an explicit lock object and an explicit region', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'strict-')) });
    const stack = new TerraformStack(app, 'strict');
    new AwsProvider(stack, 'aws', { region: new TerraformVariable(stack, 'region', { type: 'string' }).stringValue });
    const settings = PriceBookSettings.of(stack)
      .region('eu-west-3')
      .strictPrices()
      .lockFile({ schemaVersion: 1, region: 'eu-west-3', fetchedAt: '2026-08-01T00:00:00Z', source: 'test', onDemand: { 'g6.xlarge': 1 }, spot: {} });
    const book = settings.priceBook();
    expect(book.region).toBe('eu-west-3');
    expect(book.onDemand('g6.xlarge').asOf).toBe('2026-08-01');
    expect(() => book.fixed('sqs-requests-million')).toThrow(/FIXED_PRICE_NOT_BUNDLED/);
  });
});
