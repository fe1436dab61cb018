import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import type { GetProductsCommandInput } from '@aws-sdk/client-pricing';
import { DescribeAvailabilityZonesCommand, DescribeSpotPriceHistoryCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { DescribeSpotPriceHistoryCommandInput } from '@aws-sdk/client-ec2';
import { runCli } from '../../src/cli/program.js';
import { PriceBook } from '../../src/catalog/price-book.js';
import { AVAILABILITY_ZONES, FIXED_PAGES, INSTANCE_PAGES, SPOT_HISTORY } from '../fixtures/prices/price-list.eu-west-3.js';
import { captureIo } from './support.js';

const pricing = mockClient(PricingClient);
const ec2 = mockClient(EC2Client);

function routeProducts(input: GetProductsCommandInput) {
  const filters = Object.fromEntries((input.Filters ?? []).map((f) => [f.Field, f.Value]));
  if (filters.instanceType) {
    const pages = INSTANCE_PAGES[filters.instanceType] ?? [{ PriceList: [] }];
    return pages[input.NextToken ? 1 : 0];
  }
  const key = filters.productFamily && input.ServiceCode !== 'AWSQueueService' && input.ServiceCode !== 'awskms' && input.ServiceCode !== 'AmazonVPC' ? `${input.ServiceCode}|${filters.productFamily}` : input.ServiceCode!;
  return { PriceList: FIXED_PAGES[key] ?? [] };
}

function mockAws(): void {
  pricing.reset();
  ec2.reset();
  pricing.on(GetProductsCommand).callsFake(routeProducts);
  ec2.on(DescribeSpotPriceHistoryCommand).callsFake((input: DescribeSpotPriceHistoryCommandInput) => ({
    SpotPriceHistory: SPOT_HISTORY.filter((r) => (input.InstanceTypes as string[]).includes(r.InstanceType)),
  }));
  ec2.on(DescribeAvailabilityZonesCommand).resolves({ AvailabilityZones: AVAILABILITY_ZONES });
}

const args = (out: string) => ['prices', 'fetch', '--region', 'eu-west-3', '--instance-types', 'g6e.12xlarge', 'g6.xlarge', 'p5e.48xlarge', '--out', out];

describe('gpu-tco prices fetch (mocked AWS SDK)', () => {
  beforeEach(mockAws);

  test('writes the expected lock file byte for byte, twice the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpu-tco-fetch-'));
    const io = captureIo(dir);
    expect(await runCli(args('eu-west-3.lock.json'), io)).toBe(0);
    const written = readFileSync(join(dir, 'eu-west-3.lock.json'), 'utf8');
    expect(written).toBe(readFileSync('test/fixtures/prices/eu-west-3.expected.lock.json', 'utf8'));
    expect(io.out()).toBe('');
    expect(io.err()).toContain('p5e.48xlarge: no on-demand price in eu-west-3');
    expect(io.err()).toContain('wrote eu-west-3.lock.json: 2 on-demand, 2 spot, 15 fixed prices');

    mockAws();
    expect(await runCli(args('again.lock.json'), captureIo(dir))).toBe(0);
    expect(readFileSync(join(dir, 'again.lock.json'), 'utf8')).toBe(written);
  });

  test('asks for Linux, shared-tenancy, on-demand SKUs (not Capacity Blocks) through the eu-central-1 endpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpu-tco-fetch-'));
    await runCli(args('x.json'), captureIo(dir));
    const calls = pricing.commandCalls(GetProductsCommand);
    const g6e = calls.find((c) => c.args[0].input.Filters?.some((f) => f.Value === 'g6e.12xlarge'))!;
    expect(g6e.args[0].input.ServiceCode).toBe('AmazonEC2');
    expect(Object.fromEntries(g6e.args[0].input.Filters!.map((f) => [f.Field, `${f.Type}:${f.Value}`]))).toEqual({
      regionCode: 'TERM_MATCH:eu-west-3',
      instanceType: 'TERM_MATCH:g6e.12xlarge',
      operatingSystem: 'TERM_MATCH:Linux',
      tenancy: 'TERM_MATCH:Shared',
      preInstalledSw: 'TERM_MATCH:NA',
      capacitystatus: 'TERM_MATCH:Used',
      marketoption: 'TERM_MATCH:OnDemand',
    });
    // All pages: g6.xlarge was asked twice, the second time with the token.
    const g6 = calls.filter((c) => c.args[0].input.Filters?.some((f) => f.Value === 'g6.xlarge'));
    expect(g6.map((c) => c.args[0].input.NextToken)).toEqual([undefined, 'page-2']);
    expect(await (g6e.thisValue as PricingClient).config.region()).toBe('eu-central-1');
    const spot = ec2.commandCalls(DescribeSpotPriceHistoryCommand)[0]!;
    expect(await (spot.thisValue as EC2Client).config.region()).toBe('eu-west-3');
    expect(spot.args[0].input.StartTime).toEqual(new Date('2026-08-13T12:00:00.000Z'));
    expect(spot.args[0].input.EndTime).toEqual(new Date('2026-08-20T12:00:00.000Z'));
  });

  test('the lock file it writes prices the region at synth, overriding the snapshot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpu-tco-fetch-'));
    await runCli(args('gpu-prices.lock.json'), captureIo(dir));
    const book = PriceBook.forRegion('eu-west-3', { lockFile: join(dir, 'gpu-prices.lock.json'), now: new Date('2026-08-21T00:00:00Z') });
    expect(book.onDemand('g6e.12xlarge')).toMatchObject({ usdPerHour: 12.65, asOf: '2026-08-20' });
    expect(book.spot('g6.xlarge')).toMatchObject({ min: 0.32, max: 0.355, azIds: ['euw3-az1', 'euw3-az2'] });
    expect(book.fixed('nat-gateway')).toMatchObject({ usdPerHour: 0.05, asOf: '2026-08-20' });
    // Extended support is the cluster hour plus the surcharge AWS lists on its own line.
    expect(book.fixed('eks-control-plane-extended-support').usdPerHour).toBe(0.6);
    expect(book.fixed('s3-put-requests-thousand').usdPerHour).toBe(0.0053);
    expect(book.fixed('cloudwatch-logs-ingestion-gb').source).toContain('AWS Price List API');
    expect(book.fixed('nat-gateway').unpriced).toBeUndefined();
    expect(book.warnings).toEqual([]);
  });

  test('no credentials: exit 2 with one line, no stack trace', async () => {
    pricing.reset();
    pricing.on(GetProductsCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    const io = captureIo(mkdtempSync(join(tmpdir(), 'gpu-tco-fetch-')));
    expect(await runCli(args('x.json'), io)).toBe(2);
    const lines = io.err().trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      'gpu-tco prices fetch: no AWS credentials (Could not load credentials from any providers); configure credentials (AWS_PROFILE, environment or SSO) and retry, or price with the bundled snapshot or an override',
    );
    expect(io.err()).not.toMatch(/\n\s+at /);
  });

  test('no network: exit 2 with one line', async () => {
    pricing.reset();
    pricing.on(GetProductsCommand).rejects(Object.assign(new Error('getaddrinfo ENOTFOUND api.pricing.eu-central-1.amazonaws.com'), { code: 'ENOTFOUND' }));
    const io = captureIo(mkdtempSync(join(tmpdir(), 'gpu-tco-fetch-')));
    expect(await runCli(args('x.json'), io)).toBe(2);
    expect(io.err().trimEnd().split('\n').at(-1)).toBe(
      'gpu-tco prices fetch: cannot reach AWS (ENOTFOUND: getaddrinfo ENOTFOUND api.pricing.eu-central-1.amazonaws.com); check the network and retry',
    );
  });

  test('a bad region is refused before any AWS call', async () => {
    const io = captureIo(mkdtempSync(join(tmpdir(), 'gpu-tco-fetch-')));
    expect(await runCli(['prices', 'fetch', '--region', 'eu-west'], io)).toBe(2);
    expect(io.err()).toMatch(/^GpuClusterError INVALID_REGION: region: is not an AWS region code\. Given: "eu-west"\./);
    expect(io.err().trimEnd().split('\n')).toHaveLength(1);
    expect(pricing.calls()).toHaveLength(0);
  });
});
