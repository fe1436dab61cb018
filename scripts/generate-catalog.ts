/**
 * Regenerates the catalog data under src/catalog/data from the upstream copies in data-sources/.
 *
 *   npm run catalog:generate
 *
 * Outputs (all committed, all deterministic: sorted keys, no dates from the clock):
 * - src/catalog/data/instance-specs.ts   GPU and system instance specs (eagerly imported, small)
 * - src/catalog/data/prices/<region>.json on-demand price per type and spot price per AZ ID
 * - src/catalog/data/prices/availability.json  the regions each type is priced in
 * - src/catalog/data/spot-advisor-us-east-1.json  savings and interruption bands, dated
 * - the GpuInstanceType statics between the GENERATED markers in src/catalog/gpu-instance-type.ts
 */
import { readFileSync, writeFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const root = join(__dirname, '..');
const src = join(root, 'data-sources', 'aws');
const out = join(root, 'src', 'catalog', 'data');

/** SkyPilot catalog commit the CSV was transcribed at (see data-sources/aws/regional-prices.README.md). */
const CSV_SOURCE = 'skypilot-org/skypilot-catalog catalogs/v8/aws/vms.csv @ 00148f2af3672e2229b4f7bf8157d5a3f36e3c35';
const CSV_NOTE = 'date unknown; us-east-1 equals Karpenter\'s 2026-07-20 snapshot';

/** Families the library covers: NVIDIA GPUs only (g4ad is AMD). */
const GPU_TYPE = /^(g4dn|g5|g5g|g6|g6e|g6f|g7e|gr6|gr6f|p3|p3dn|p4d|p4de|p5|p5e|p5en|p6-b200|p6-b300)\./;

interface CsvRow {
  InstanceType: string;
  AcceleratorName: string;
  AcceleratorCount: string;
  vCPUs: string;
  MemoryGiB: string;
  GpuInfo: string;
  Price: string;
  SpotPrice: string;
  Region: string;
  AvailabilityZone: string;
  Arch: string;
}

interface KarpenterInstance {
  instanceType: string;
  family: string;
  vcpu: number;
  memoryGiB: number;
  gpuCount: number;
  gpuModel: string;
  gpuNameLabel: string;
  gpuMemoryMiBPerGpu: number;
  karpenterAllocatable: Record<string, string>;
  karpenterLabels: Record<string, string>;
}

function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    ) as T;
  }
  return value;
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(sortKeys(value), null, 1) + '\n');
}

const rows: CsvRow[] = parse(readFileSync(join(src, 'regional-prices.skypilot.csv')), {
  columns: true,
  skip_empty_lines: true,
});
const karpenter = JSON.parse(readFileSync(join(src, 'gpu-instances.json'), 'utf8')) as {
  instances: KarpenterInstance[];
};

// ---- instance specs -------------------------------------------------------------------------

interface Spec {
  name: string;
  family: string;
  vcpu: number;
  memoryGiB: number;
  gpuCount: number;
  gpuModel: string;
  gpuName: string;
  gpuMemoryMiB: number;
  architecture: 'x86_64' | 'arm64';
  efaInterfaces: number;
  specSource: string;
}

const firstRow = new Map<string, CsvRow>();
for (const r of rows) if (!firstRow.has(r.InstanceType)) firstRow.set(r.InstanceType, r);

const specs = new Map<string, Spec>();
for (const k of karpenter.instances) {
  const csv = firstRow.get(k.instanceType);
  // Fractional types (g6f, gr6f): Karpenter reports gpu-count 0; the CSV gives the partition size.
  const gpuCount = k.gpuCount > 0 ? k.gpuCount : Number(csv?.AcceleratorCount);
  if (!(gpuCount > 0)) throw new Error(`${k.instanceType}: no GPU count in either source`);
  specs.set(k.instanceType, {
    name: k.instanceType,
    family: k.family,
    vcpu: k.vcpu,
    memoryGiB: k.memoryGiB,
    gpuCount,
    gpuModel: k.gpuModel,
    gpuName: k.gpuNameLabel,
    gpuMemoryMiB: k.gpuMemoryMiBPerGpu,
    architecture: k.karpenterLabels['kubernetes.io/arch'] === 'arm64' ? 'arm64' : 'x86_64',
    efaInterfaces: Number(k.karpenterAllocatable['vpc.amazonaws.com/efa'] ?? 0),
    specSource: 'karpenter',
  });
}
// Types the Karpenter docs page lacks (g5g): specs from the CSV's DescribeInstanceTypes GpuInfo.
for (const [name, r] of firstRow) {
  if (!GPU_TYPE.test(name) || specs.has(name)) continue;
  const info = r.GpuInfo.match(/'Name': '([^']+)'.*'Manufacturer': '([^']+)'.*'SizeInMiB': (\d+)/);
  if (!info) throw new Error(`${name}: cannot read GpuInfo`);
  specs.set(name, {
    name,
    family: name.split('.')[0]!,
    vcpu: Number(r.vCPUs),
    memoryGiB: Number(r.MemoryGiB),
    gpuCount: Number(r.AcceleratorCount),
    gpuModel: `${info[2]} ${info[1]}`,
    gpuName: info[1]!.toLowerCase(),
    gpuMemoryMiB: Number(info[3]),
    architecture: r.Arch === 'arm64' ? 'arm64' : 'x86_64',
    // The CSV carries no EFA data; no source here says these types support EFA.
    efaInterfaces: 0,
    specSource: 'skypilot',
  });
}

const systemSpecs = [...firstRow.values()]
  .filter((r) => !/^(g\d|gr\d|p\d)/.test(r.InstanceType))
  .map((r) => ({
    name: r.InstanceType,
    vcpu: Number(r.vCPUs),
    memoryGiB: Number(r.MemoryGiB),
    architecture: r.Arch === 'arm64' ? ('arm64' as const) : ('x86_64' as const),
  }))
  .sort((a, b) => a.name.localeCompare(b.name));

const gpuSpecs = [...specs.values()].sort((a, b) => naturalTypeOrder(a.name, b.name));

function naturalTypeOrder(a: string, b: string): number {
  const [fa, sa] = a.split('.') as [string, string];
  const [fb, sb] = b.split('.') as [string, string];
  if (fa !== fb) return fa.localeCompare(fb);
  return sizeRank(sa) - sizeRank(sb);
}

function sizeRank(size: string): number {
  if (size === 'metal') return 10_000;
  const m = size.match(/^(\d*)x?large$/);
  if (!m) return 5_000;
  return size.includes('xlarge') ? Number(m[1] || 1) * 2 : 1;
}

const specSources = {
  karpenter:
    'aws/karpenter-provider-aws website/content/en/preview/reference/instance-types.md @ 1d927085dd81a9df9301e613f371dac5b4d16bfe',
  skypilot: CSV_SOURCE,
};

writeFileSync(
  join(out, 'instance-specs.ts'),
  `// Generated by scripts/generate-catalog.ts from data-sources/aws. Do not edit; see SOURCES.md.
import type { GpuInstanceSpec, SystemInstanceSpec } from '../instance-spec.js';

export const GPU_INSTANCE_SPECS: readonly GpuInstanceSpec[] = ${jsonLines(
    gpuSpecs.map((s) => ({ ...s, specSource: specSources[s.specSource as keyof typeof specSources] })),
  )};

export const SYSTEM_INSTANCE_SPECS: readonly SystemInstanceSpec[] = ${jsonLines(systemSpecs)};
`,
);

function jsonLines(items: object[]): string {
  return `[\n${items.map((i) => `  ${JSON.stringify(i)}`).join(',\n')},\n]`;
}

// ---- regional prices ------------------------------------------------------------------------

const pricedTypes = (t: string) => specs.has(t) || systemSpecs.some((s) => s.name === t);
interface RegionPrices {
  region: string;
  source: string;
  note: string;
  onDemand: Record<string, number>;
  /** Types sold in the region whose on-demand price the source leaves empty. */
  onDemandMissing: string[];
  spot: Record<string, Record<string, number>>;
}
const regions = new Map<string, RegionPrices>();
for (const r of rows) {
  if (!pricedTypes(r.InstanceType)) continue;
  let p = regions.get(r.Region);
  if (!p) {
    p = { region: r.Region, source: CSV_SOURCE, note: CSV_NOTE, onDemand: {}, onDemandMissing: [], spot: {} };
    regions.set(r.Region, p);
  }
  if (r.Price === '') {
    if (!p.onDemandMissing.includes(r.InstanceType)) p.onDemandMissing.push(r.InstanceType);
  } else {
    p.onDemand[r.InstanceType] = Number(r.Price);
  }
  if (r.SpotPrice !== '') (p.spot[r.InstanceType] ??= {})[r.AvailabilityZone] = Number(r.SpotPrice);
}

const pricesDir = join(out, 'prices');
rmSync(pricesDir, { recursive: true, force: true });
mkdirSync(pricesDir, { recursive: true });
const availability: Record<string, string[]> = {};
for (const p of regions.values()) {
  p.onDemandMissing.sort();
  writeJson(join(pricesDir, `${p.region}.json`), p);
  for (const t of Object.keys(p.onDemand)) (availability[t] ??= []).push(p.region);
}
for (const list of Object.values(availability)) list.sort();
writeJson(join(pricesDir, 'availability.json'), availability);

// ---- spot advisor bands ---------------------------------------------------------------------

const advisor = JSON.parse(readFileSync(join(src, 'spot-advisor-gpu-us-east-1.extract.json'), 'utf8'));
const bands: Record<string, { savingsPercent: number; interruption: string; interruptionMaxPercent: number }> = {};
for (const [type, v] of Object.entries(advisor['us-east-1'].Linux as Record<string, { s: number; r: number }>)) {
  if (!specs.has(type)) continue;
  const range = advisor.ranges[v.r];
  bands[type] = { savingsPercent: v.s, interruption: range.label, interruptionMaxPercent: range.max };
}
writeJson(join(out, 'spot-advisor-us-east-1.json'), {
  region: 'us-east-1',
  source: `AWS Spot Instance Advisor feed as committed in ${advisor.source.repo} ${advisor.source.path} @ ${advisor.source.commit}`,
  asOf: '2024-02-28',
  note: 'on or before 2024-02-28: predates the June 2025 P4/P5 on-demand price cut, so savings are relative to the old prices',
  types: bands,
});

// ---- GpuInstanceType statics ----------------------------------------------------------------

const classFile = join(root, 'src', 'catalog', 'gpu-instance-type.ts');
const classText = readFileSync(classFile, 'utf8');
const statics = gpuSpecs
  .map((s) => {
    const key = s.name.toUpperCase().replace(/[.-]/g, '_');
    return `  /** ${s.name}: ${fmtGpus(s.gpuCount)} x ${s.gpuModel}, ${s.vcpu} vCPU, ${s.memoryGiB} GiB */\n  static readonly ${key} = new GpuInstanceType('${s.name}');`;
  })
  .join('\n');
const begin = '  // BEGIN GENERATED by scripts/generate-catalog.ts\n';
const end = '  // END GENERATED\n';
const a = classText.indexOf(begin);
const b = classText.indexOf(end);
if (a < 0 || b < a) throw new Error(`${classFile}: GENERATED markers not found`);
writeFileSync(classFile, classText.slice(0, a + begin.length) + statics + '\n' + classText.slice(b));

function fmtGpus(n: number): string {
  return Number.isInteger(n) ? String(n) : `${n} (partition of one)`;
}

console.log(
  `catalog: ${gpuSpecs.length} GPU types, ${systemSpecs.length} system types, ${regions.size} regions, ` +
    `${Object.keys(bands).length} spot-advisor bands; files: ${readdirSync(pricesDir).length} price files`,
);
