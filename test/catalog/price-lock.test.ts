import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GpuClusterError } from '../../src/index.js';
import { PriceBook } from '../../src/catalog/price-book.js';
import { referenceDate } from '../../src/catalog/price-lock.js';

const dir = mkdtempSync(join(tmpdir(), 'gpu-prices-lock-'));
const valid = {
  schemaVersion: 1,
  region: 'eu-west-3',
  fetchedAt: '2026-08-01T09:30:00.000Z',
  source: 'AWS Price List API',
  onDemand: { 'g6.xlarge': 1.01 },
  spot: { 'g6.xlarge': { 'euw3-az1': 0.4 } },
  fixed: { 'eks-control-plane': 0.1 },
};

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function errorOf(fn: () => unknown): GpuClusterError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GpuClusterError);
    return e as GpuClusterError;
  }
  throw new Error('expected a GpuClusterError');
}

describe('price lock file on disk', () => {
  test('a valid file prices a region the snapshot lacks, and its fixed costs are not assumed', () => {
    const path = write('ok.json', valid);
    const book = PriceBook.forRegion('eu-west-3', { lockFile: path, now: new Date('2026-08-02T00:00:00Z') });
    expect(book.onDemand('g6.xlarge')).toEqual({ usdPerHour: 1.01, source: `${path}: AWS Price List API`, asOf: '2026-08-01' });
    expect(book.fixed('eks-control-plane')).toMatchObject({ usdPerHour: 0.1, asOf: '2026-08-01' });
    expect(book.fixed('eks-control-plane').assumed).toBeUndefined();
    expect(book.warnings).toEqual([]);
    // An item the lock file lacks falls back to the us-east-1 rate, marked.
    expect(book.fixed('kms-key').assumed).toBe('us-east-1 rate, eu-west-3 not bundled');
  });

  test.each([
    ['a negative price', { ...valid, onDemand: { 'g6.xlarge': -1 } }, 'onDemand["g6.xlarge"]'],
    ['a missing region', { ...valid, region: undefined }, 'region'],
    ['an AZ name instead of an ID', { ...valid, spot: { 'g6.xlarge': { 'eu-west-3a': 0.4 } } }, 'spot["g6.xlarge"]'],
    ['an unknown fixed item', { ...valid, fixed: { 'nat-gw': 1 } }, 'fixed["nat-gw"]'],
    ['a fetch date that is not ISO', { ...valid, fetchedAt: '01/08/2026' }, 'fetchedAt'],
  ])('%s fails the schema with an error naming the file and field', (_what, content, field) => {
    const path = write('bad.json', content);
    const e = errorOf(() => PriceBook.forRegion('eu-west-3', { lockFile: path }));
    expect(e.code).toBe('INVALID_PRICE_LOCK_FILE');
    expect(e.message).toContain(`${path} fails the gpu-prices.lock.json schema at ${field}`);
  });

  test('a missing file or one that is not JSON is an error naming it', () => {
    expect(errorOf(() => PriceBook.forRegion('eu-west-3', { lockFile: join(dir, 'none.json') })).code).toBe('PRICE_LOCK_FILE_UNREADABLE');
    const notJson = write('not.json', '{ "schemaVersion": 1,');
    const e = errorOf(() => PriceBook.forRegion('eu-west-3', { lockFile: notJson }));
    expect(e.code).toBe('INVALID_PRICE_LOCK_FILE');
    expect(e.message).toContain(`${notJson} is not JSON`);
  });

  test('the stale warning names the file and the date read from it', () => {
    const path = write('old.json', valid);
    expect(PriceBook.forRegion('eu-west-3', { lockFile: path, now: new Date('2027-01-01T00:00:00Z') }).warnings).toEqual([
      `${path} was fetched on 2026-08-01, more than 90 days before this synth: refresh it with \`gpu-tco prices fetch --region eu-west-3\``,
    ]);
  });

  test('SOURCE_DATE_EPOCH, when set, is the reference date of the 90-day check', () => {
    expect(referenceDate({ SOURCE_DATE_EPOCH: '1785456000' }).toISOString()).toBe('2026-07-31T00:00:00.000Z');
  });
});
