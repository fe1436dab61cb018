/**
 * `gpu-tco prices fetch`: reads on-demand prices from the AWS Price List API, spot prices from EC2
 * DescribeSpotPriceHistory (last 7 days, latest per AZ ID) and the fixed-cost products, and writes a
 * deterministic lock file. The AWS SDK is imported here, on use, never by the package index.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InstanceCatalog } from '../catalog/instance-catalog.js';
import { SYSTEM_INSTANCE_SPECS } from '../catalog/data/instance-specs.js';
import { PriceBook } from '../catalog/price-book.js';
import { loadLockFile } from '../catalog/price-lock.js';
import type { PriceLockFile } from '../catalog/price-lock.js';
import type { FixedPriceItem } from '../catalog/price-quote.js';
import { CliError } from './io.js';
import type { CliIo } from './io.js';
import { stableJson } from './json.js';
import { parsePriceListItem, tidy } from './price-list.js';
import type { PriceListItem } from './price-list.js';

export interface FetchOptions {
  readonly region: string;
  /** Types to price. @default every catalog GPU and system type */
  readonly instanceTypes?: readonly string[];
  /** @default gpu-prices.lock.json */
  readonly out?: string;
  /** Seconds the whole fetch may take before it gives up (connections and requests time out with it). @default 60 */
  readonly timeoutSeconds?: number;
}

/** The default of `--timeout`. */
export const DEFAULT_FETCH_TIMEOUT_SECONDS = 60;

const SPOT_WINDOW_DAYS = 7;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;

/** The Price List API answers in three regions; pick the nearest, as Karpenter does. */
export function pricingEndpointRegion(region: string): 'us-east-1' | 'eu-central-1' | 'ap-south-1' {
  if (region.startsWith('eu-')) return 'eu-central-1';
  if (region.startsWith('ap-')) return 'ap-south-1';
  return 'us-east-1';
}

/** Fixed-cost products: filters for GetProducts and how to pick the item from the answers. */
interface FixedQuery {
  readonly serviceCode: string;
  readonly filters: Readonly<Record<string, string>>;
  /** `addsTo`: the Price List line is a surcharge on that item (the item's price is their sum). */
  readonly items: ReadonlyArray<{ item: FixedPriceItem; usagetype: RegExp; perUnit?: (unit: string) => number; addsTo?: FixedPriceItem }>;
}

const perThousand = (unit: string) => (/^requests?$/i.test(unit) ? 1000 : 1);

// Product attributes as Infracost's AWS resources filter them (internal/resources/aws/*.go).
const FIXED_QUERIES: readonly FixedQuery[] = [
  {
    serviceCode: 'AmazonEKS',
    filters: {},
    items: [
      { item: 'eks-control-plane', usagetype: /AmazonEKS-Hours:perCluster$/ },
      // The Price List bills extended support as a surcharge (0.50) beside the cluster hour (0.10).
      { item: 'eks-control-plane-extended-support', usagetype: /AmazonEKS-Hours:extendedSupport$/, addsTo: 'eks-control-plane' },
    ],
  },
  {
    serviceCode: 'AmazonEC2',
    filters: { productFamily: 'NAT Gateway' },
    items: [
      { item: 'nat-gateway', usagetype: /NatGateway-Hours$/ },
      { item: 'nat-gateway-data-gb', usagetype: /NatGateway-Bytes$/ },
    ],
  },
  { serviceCode: 'AmazonVPC', filters: {}, items: [{ item: 'public-ipv4', usagetype: /PublicIPv4:InUseAddress$/ }] },
  {
    serviceCode: 'AWSQueueService',
    filters: { productFamily: 'API Request', queueType: 'Standard' },
    // Priced per request; the lowest paid tier, per million.
    items: [{ item: 'sqs-requests-million', usagetype: /Requests/, perUnit: (unit) => (/^requests?$/i.test(unit) ? 1_000_000 : 1) }],
  },
  { serviceCode: 'awskms', filters: { productFamily: 'Encryption Key' }, items: [{ item: 'kms-key', usagetype: /KMS-Keys$/ }] },
  { serviceCode: 'AmazonEC2', filters: { productFamily: 'Storage', volumeApiName: 'gp3' }, items: [{ item: 'ebs-gp3-gb-month', usagetype: /EBS:VolumeUsage\.gp3$/ }] },
  {
    serviceCode: 'AmazonEC2',
    filters: { productFamily: 'System Operation', volumeApiName: 'gp3' },
    items: [{ item: 'ebs-gp3-iops-month', usagetype: /VolumeP-IOPS\.gp3$/ }],
  },
  {
    serviceCode: 'AmazonEC2',
    filters: { productFamily: 'Provisioned Throughput', volumeApiName: 'gp3' },
    // Listed per GiBps-month; the library prices MiB/s-month.
    items: [{ item: 'ebs-gp3-throughput-mibps-month', usagetype: /VolumeP-Throughput\.gp3$/, perUnit: (unit) => (/^GiBps/i.test(unit) ? 1 / 1024 : 1) }],
  },
  { serviceCode: 'AmazonCloudWatch', filters: { productFamily: 'Data Payload' }, items: [{ item: 'cloudwatch-logs-ingestion-gb', usagetype: /DataProcessing-Bytes$/ }] },
  { serviceCode: 'AmazonCloudWatch', filters: { productFamily: 'Storage Snapshot' }, items: [{ item: 'cloudwatch-logs-storage-gb-month', usagetype: /TimedStorage-ByteHrs$/ }] },
  // The first tier (first 50 TB a month) of S3 Standard.
  { serviceCode: 'AmazonS3', filters: { productFamily: 'Storage', volumeType: 'Standard' }, items: [{ item: 's3-standard-gb-month', usagetype: /TimedStorage-ByteHrs$/ }] },
  {
    serviceCode: 'AmazonS3',
    filters: { productFamily: 'API Request' },
    // Priced per request; the library prices 1,000.
    items: [
      { item: 's3-put-requests-thousand', usagetype: /Requests-Tier1$/, perUnit: perThousand },
      { item: 's3-get-requests-thousand', usagetype: /Requests-Tier2$/, perUnit: perThousand },
    ],
  },
];

/** Fetches prices for `region` and returns the lock file. Progress goes to stderr. */
export async function fetchPrices(options: FetchOptions, io: CliIo): Promise<PriceLockFile> {
  const region = options.region;
  PriceBook.forRegion(region); // checks the region code
  const types = [...new Set(options.instanceTypes ?? defaultTypes())].sort();
  for (const t of types) {
    if (!INSTANCE_TYPE.test(t)) throw new CliError(`gpu-tco prices fetch: "${t}" is not an EC2 instance type name (e.g. g6e.12xlarge)`);
  }
  const now = io.now();
  const start = new Date(now.getTime() - SPOT_WINDOW_DAYS * 86_400_000);
  const endpoint = pricingEndpointRegion(region);

  // The SDK warns on Node 20 about its releases after January 2027 (the package pins Node 20);
  // keep stderr to progress and the one error line. Set the variable to "false" to see it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const pricingSdk = require('@aws-sdk/client-pricing') as typeof import('@aws-sdk/client-pricing');
  const ec2Sdk = require('@aws-sdk/client-ec2') as typeof import('@aws-sdk/client-ec2');
  // Without timeouts an endpoint that accepts and never answers hangs the command until killed.
  const ms = (options.timeoutSeconds ?? DEFAULT_FETCH_TIMEOUT_SECONDS) * 1000;
  const requestHandler = { connectionTimeout: ms, requestTimeout: ms };
  const pricing = new pricingSdk.PricingClient({ region: endpoint, requestHandler });
  const ec2 = new ec2Sdk.EC2Client({ region, requestHandler });
  clients.push(pricing, ec2);

  const products = async (serviceCode: string, filters: Record<string, string>): Promise<PriceListItem[]> => {
    const items: PriceListItem[] = [];
    let token: string | undefined;
    do {
      const page = await pricing.send(
        new pricingSdk.GetProductsCommand({
          ServiceCode: serviceCode,
          Filters: Object.entries(filters).map(([Field, Value]) => ({ Type: 'TERM_MATCH', Field, Value })),
          FormatVersion: 'aws_v1',
          MaxResults: 100,
          NextToken: token,
        }),
        { abortSignal: inFlight.signal },
      );
      for (const entry of page.PriceList ?? []) {
        const item = parsePriceListItem(entry);
        if (item) items.push(item);
      }
      token = page.NextToken;
    } while (token);
    return items;
  };

  try {
    io.stderr(`prices fetch: ${region}, Price List API via ${endpoint}, ${types.length} instance types\n`);
    const onDemand: Record<string, number> = {};
    for (const [i, type] of types.entries()) {
      const found = await products('AmazonEC2', {
        regionCode: region,
        instanceType: type,
        operatingSystem: 'Linux',
        tenancy: 'Shared',
        preInstalledSw: 'NA',
        capacitystatus: 'Used',
        // GPU types also have Capacity Block SKUs; only the on-demand one is wanted.
        marketoption: 'OnDemand',
      });
      const usd = found.filter((p) => p.attributes.instanceType === type).flatMap((p) => p.dimensions)[0]?.usd;
      if (usd === undefined) io.stderr(`  ${type}: no on-demand price in ${region} (not sold there?)\n`);
      else onDemand[type] = tidy(usd);
      if ((i + 1) % 10 === 0 || i === types.length - 1) io.stderr(`  on-demand: ${i + 1}/${types.length}\n`);
    }

    const fixed: Partial<Record<FixedPriceItem, number>> = {};
    for (const q of FIXED_QUERIES) {
      const found = await products(q.serviceCode, { regionCode: region, ...q.filters });
      for (const spec of q.items) {
        const product = found.find((p) => spec.usagetype.test(p.attributes.usagetype ?? '') && p.dimensions.length > 0);
        if (!product) {
          io.stderr(`  ${spec.item}: no product in ${region}; synth uses the bundled price for ${region}, or leaves the line unpriced\n`);
          continue;
        }
        const dim = product.dimensions[0]!;
        fixed[spec.item] = tidy(dim.usd * (spec.perUnit?.(dim.unit) ?? 1));
      }
    }
    for (const q of FIXED_QUERIES) {
      for (const spec of q.items) {
        if (!spec.addsTo || fixed[spec.item] === undefined) continue;
        const base = fixed[spec.addsTo];
        if (base === undefined) delete fixed[spec.item]; // a surcharge alone is not the item's price
        else fixed[spec.item] = tidy(base + fixed[spec.item]!);
      }
    }
    io.stderr(`  fixed costs: ${Object.keys(fixed).length} items\n`);

    const spot = await spotPrices(ec2, ec2Sdk, types, start, now);
    io.stderr(`  spot: ${Object.keys(spot).length} types with prices in the last ${SPOT_WINDOW_DAYS} days\n`);

    return {
      schemaVersion: 1,
      region,
      fetchedAt: now.toISOString(),
      source: `AWS Price List API (GetProducts, ${endpoint} endpoint) and EC2 DescribeSpotPriceHistory (${SPOT_WINDOW_DAYS} days, latest per AZ)`,
      pricingEndpointRegion: endpoint,
      spotWindow: { start: start.toISOString(), end: now.toISOString() },
      onDemand,
      spot,
      fixed,
    };
  } finally {
    pricing.destroy();
    ec2.destroy();
  }
}

async function spotPrices(
  ec2: import('@aws-sdk/client-ec2').EC2Client,
  sdk: typeof import('@aws-sdk/client-ec2'),
  types: string[],
  start: Date,
  end: Date,
): Promise<Record<string, Record<string, number>>> {
  const latest = new Map<string, { at: number; usd: number }>();
  const unnamed: Array<{ type: string; zone: string; at: number; usd: number }> = [];
  const keep = (key: string, at: number, usd: number) => {
    const prev = latest.get(key);
    if (!prev || at > prev.at || (at === prev.at && usd > prev.usd)) latest.set(key, { at, usd });
  };
  for (let i = 0; i < types.length; i += 20) {
    let token: string | undefined;
    do {
      const page = await ec2.send(
        new sdk.DescribeSpotPriceHistoryCommand({
          InstanceTypes: types.slice(i, i + 20) as never,
          ProductDescriptions: ['Linux/UNIX', 'Linux/UNIX (Amazon VPC)'],
          StartTime: start,
          EndTime: end,
          MaxResults: 1000,
          NextToken: token,
        }),
        { abortSignal: inFlight.signal },
      );
      for (const r of page.SpotPriceHistory ?? []) {
        const usd = Number(r.SpotPrice);
        const at = r.Timestamp ? new Date(r.Timestamp).getTime() : NaN;
        if (!r.InstanceType || !Number.isFinite(usd) || usd <= 0 || !Number.isFinite(at)) continue;
        if (r.AvailabilityZoneId) keep(`${r.InstanceType}|${r.AvailabilityZoneId}`, at, usd);
        else if (r.AvailabilityZone) unnamed.push({ type: r.InstanceType, zone: r.AvailabilityZone, at, usd });
      }
      token = page.NextToken || undefined;
    } while (token);
  }
  if (unnamed.length) {
    // AZ names differ per account; key by AZ ID, mapping names only where a record lacks the ID.
    const zones = await ec2.send(new sdk.DescribeAvailabilityZonesCommand({ AllAvailabilityZones: true }), { abortSignal: inFlight.signal });
    const idOf = new Map((zones.AvailabilityZones ?? []).map((z) => [z.ZoneName, z.ZoneId]));
    for (const r of unnamed) {
      const id = idOf.get(r.zone);
      if (id) keep(`${r.type}|${id}`, r.at, r.usd);
    }
  }
  const out: Record<string, Record<string, number>> = {};
  for (const [key, { usd }] of latest) {
    const [type, az] = key.split('|') as [string, string];
    (out[type] ??= {})[az] = tidy(usd);
  }
  return out;
}

function defaultTypes(): string[] {
  return [...InstanceCatalog.gpuTypes().map((s) => s.name), ...SYSTEM_INSTANCE_SPECS.map((s) => s.name)];
}

/** The SDK clients of the fetch in progress, destroyed (sockets closed) when it ends. */
const clients: Array<{ destroy(): void }> = [];
/** Aborts the fetch's requests in flight when it gives up (an aborted request is not retried). */
let inFlight = new AbortController();

/** Runs the command: fetch, check against the schema, write the lock file. */
export async function runPricesFetch(options: FetchOptions, io: CliIo): Promise<void> {
  const seconds = options.timeoutSeconds ?? DEFAULT_FETCH_TIMEOUT_SECONDS;
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new CliError(`gpu-tco prices fetch: --timeout ${String(seconds)} is not a number of seconds from 1 to 3600`);
  }
  let lock: PriceLockFile;
  let timer: NodeJS.Timeout | undefined;
  inFlight = new AbortController();
  try {
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const endpoint = process.env.AWS_ENDPOINT_URL ?? `the AWS Price List and EC2 APIs (${pricingEndpointRegion(options.region)}, ${options.region})`;
        reject(new CliError(`gpu-tco prices fetch: no answer from ${endpoint} within ${seconds} s (--timeout); check the network and retry, or raise --timeout`));
        inFlight.abort();
      }, seconds * 1000);
    });
    lock = await Promise.race([fetchPrices(options, io), deadline]);
  } catch (e) {
    throw awsFailure(e);
  } finally {
    clearTimeout(timer);
    for (const c of clients.splice(0)) c.destroy();
  }
  loadLockFile(lock, options.region); // the file must load at synth: check it against its schema
  const out = resolve(io.cwd, options.out ?? 'gpu-prices.lock.json');
  try {
    writeFileSync(out, stableJson(lock));
  } catch (e) {
    throw new CliError(`gpu-tco prices fetch: cannot write ${out} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  io.stderr(`wrote ${options.out ?? 'gpu-prices.lock.json'}: ${Object.keys(lock.onDemand).length} on-demand, ${Object.keys(lock.spot).length} spot, ${Object.keys(lock.fixed ?? {}).length} fixed prices\n`);
}

const NETWORK_CODES = /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT)$/;

/** One line for a failed fetch: no credentials, no network, or AWS's refusal. */
function awsFailure(e: unknown): Error {
  if (e instanceof CliError || (e as Error)?.name === 'GpuClusterError') return e as Error;
  const err = e as Error & { code?: string; cause?: { code?: string }; $metadata?: unknown };
  const code = err?.code ?? err?.cause?.code ?? '';
  const first = String(err?.message ?? e).split('\n')[0];
  if (err?.name === 'CredentialsProviderError' || /credential/i.test(first ?? '')) {
    return new CliError(`gpu-tco prices fetch: no AWS credentials (${first}); configure credentials (AWS_PROFILE, environment or SSO) and retry, or price with the bundled snapshot or an override`);
  }
  if (NETWORK_CODES.test(code) || err?.name === 'TimeoutError' || /getaddrinfo|ECONNREFUSED|socket hang up|network/i.test(first ?? '')) {
    return new CliError(`gpu-tco prices fetch: cannot reach AWS (${code || err?.name}: ${first}); check the network and retry`);
  }
  return new CliError(`gpu-tco prices fetch: AWS refused the request (${err?.name ?? 'Error'}: ${first})`);
}
