import type { ComputeCostProfile, CostProfile, FixedCostProfile, NodePoolCostProfile, NodeStorage } from './cost-profile.js';
import { HOURS_PER_MONTH } from './cost-profile.js';
import type { PriceQuote, Prices } from './prices.js';
import { InstanceCatalog } from '../catalog/instance-catalog.js';
import { dearestFill } from './dearest-fill.js';
import { applyCommitments } from './commitments.js';
import type { CostLine, PricedAs } from './cost-line.js';
import type { Commitment } from './commitments.js';

export type { CostBasis, CostLine, OnDemandUsage, PricedAs } from './cost-line.js';

export interface EngineOptions {
  /** Commitments applied to matching on-demand usage first; unused commitment is still charged. */
  readonly commitments?: readonly Commitment[];
  /** Checkpoint interval assumed where a spot workload states none, minutes. @default 60 */
  readonly defaultCheckpointMinutes?: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Prices every profile: pure, deterministic, in profile order. */
export function priceProfiles(profiles: readonly CostProfile[], prices: Prices, options: EngineOptions = {}): CostLine[] {
  const lines: CostLine[] = [];
  for (const p of profiles) {
    switch (p.kind) {
      case 'eks-node-group':
        lines.push(...priceNodeGroup(p, prices, options));
        break;
      case 'karpenter-node-pool':
        lines.push(...priceNodePool(p, prices, options));
        break;
      case 'fixed':
        lines.push(priceFixed(p, prices));
        break;
    }
  }
  return applyCommitments(lines, options.commitments ?? []);
}

function priceNodeGroup(p: ComputeCostProfile, prices: Prices, options: EngineOptions): CostLine[] {
  const used: PricedAs[] = [];
  const assumptions: string[] = [];
  const quotes = p.instanceTypes.map((t) => ({ type: t, od: prices.onDemand(t, { path: p.constructPath, prop: 'instanceTypes' }) }));
  quotes.forEach((q) => used.push({ what: `${q.type} on-demand`, ...q.od }));
  const dearest = quotes.reduce((a, b) => (b.od.usdPerHour > a.od.usdPerHour ? b : a));
  const gpus = (t: string) => gpuCountOf(p, t);

  let expectedType = quotes[0]!;
  let expectedHourly: number;
  if (p.capacityType === 'SPOT') {
    const spots = quotes.map((q) => ({ ...q, spot: spotPrice(q.type, q.od, prices, used, assumptions) }));
    const cheapest = spots.reduce((a, b) => (b.spot < a.spot ? b : a));
    expectedType = cheapest;
    expectedHourly = cheapest.spot;
    if (p.instanceTypes.length > 1) assumptions.push(`spot capacity assumed on the cheapest spot type (${cheapest.type}), as price-capacity-optimized allocation prefers`);
  } else {
    expectedHourly = expectedType.od.usdPerHour;
    if (p.instanceTypes.length > 1) assumptions.push(`on-demand capacity assumed on the first type (${expectedType.type}): EKS launches on-demand types in the order given`);
  }
  const expectedNodeHours = p.nodes.desired * p.hoursPerMonth;
  const worstNodeHours = p.nodes.max * HOURS_PER_MONTH;
  const lines: CostLine[] = [
    {
      constructPath: p.constructPath,
      item: `${p.nodes.desired}-${p.nodes.max} x ${p.instanceTypes.join('|')} ${p.capacityType === 'SPOT' ? 'spot' : 'on-demand'}`,
      category: 'compute',
      tags: p.tags,
      monthlyUsd: { expected: round2(expectedHourly * expectedNodeHours), worstCase: round2(dearest.od.usdPerHour * worstNodeHours) },
      gpuHours: { expected: expectedNodeHours * gpus(expectedType.type), worstCase: worstNodeHours * gpus(dearest.type) },
      ...sliceFigures(p, expectedNodeHours, expectedNodeHours * gpus(expectedType.type)),
      onDemand: {
        expected: { monthlyUsd: p.capacityType === 'SPOT' ? 0 : round2(expectedHourly * expectedNodeHours), family: familyOf(expectedType.type) },
        worstCase: { monthlyUsd: round2(dearest.od.usdPerHour * worstNodeHours), family: familyOf(dearest.type) },
      },
      prices: used,
      assumptions: [
        `expected: ${p.nodes.desired} node(s) (desired) for ${p.hoursPerMonth} h/month; worst case: ${p.nodes.max} (max) x ${dearest.type} on-demand for ${HOURS_PER_MONTH} h`,
        ...(p.assumptions ?? []),
        ...assumptions,
      ],
    },
    storageLine(p, p.storagePerNode, p.nodes.desired, p.nodes.max, prices),
  ];
  if (p.capacityType === 'SPOT') {
    const rework = reworkLine(p, expectedType.type, expectedHourly, p.nodes.desired, prices, options);
    if (rework) lines.push(rework);
  }
  return lines;
}

function priceNodePool(p: NodePoolCostProfile, prices: Prices, options: EngineOptions): CostLine[] {
  const assumptions: string[] = [];
  // Every allowed type needs an on-demand price (a missing one is an error), but the line lists only
  // the quotes its figures come from: a pool over many types would otherwise repeat dozens.
  const quotes = p.instanceTypes.map((t) => ({ type: t, od: prices.onDemand(t, { path: p.constructPath, prop: 'instanceTypes' }), gpus: gpuCountOf(p, t), vcpu: InstanceCatalog.gpu(t)?.vcpu ?? 0 }));
  // Worst case: Karpenter fills the limits (it skips types that would pass them), all on-demand,
  // with the dearest mix of allowed types the limits admit, plus any overrun nodes at the dearest
  // type. The cpu limit, where written, binds before the GPU limit (see karpenter/pool-limits.ts).
  const byCpu = p.cpuLimit !== undefined;
  // GPUs in eighths: fractional types (g6f) hold an eighth of one.
  const fill = dearestFill(
    quotes.map((q) => ({ weight: byCpu ? q.vcpu : Math.round(q.gpus * 8), value: q.od.usdPerHour })),
    byCpu ? p.cpuLimit! : Math.round(p.gpuLimit * 8),
  );
  if (!fill.exact) assumptions.push('the limit is too large to search every mix of types: worst case fills it with the dearest single type');
  const dearestNode = quotes.reduce((a, b) => (b.od.usdPerHour > a.od.usdPerHour ? b : a));
  const mix = quotes.map((q, i) => ({ ...q, nodes: fill.counts[i]! })).filter((m) => m.nodes > 0);
  // The type carrying most of the worst case names its family (commitments) and volumes.
  const lead = mix.length ? mix.reduce((a, b) => (b.nodes * b.od.usdPerHour > a.nodes * a.od.usdPerHour ? b : a)) : dearestNode;
  const worstNodes = mix.reduce((n, m) => n + m.nodes, 0) + p.limitOverrunNodes;
  const worstGpus = mix.reduce((n, m) => n + m.nodes * m.gpus, 0) + p.limitOverrunNodes * dearestNode.gpus;
  const worst = { ...lead, nodes: worstNodes, monthly: (fill.value + p.limitOverrunNodes * dearestNode.od.usdPerHour) * HOURS_PER_MONTH };
  const worstMix = mix.map((m) => `${m.nodes} x ${m.type}`).join(' + ') || 'no node';
  // Expected: the GPUs in use on the cheapest type per GPU, at the spot share.
  const perGpuOd = quotes.reduce((a, b) => (b.od.usdPerHour / b.gpus < a.od.usdPerHour / a.gpus ? b : a));
  const allowsSpot = p.capacityTypes.includes('SPOT');
  const spotShare = allowsSpot ? p.spotShare : 0;
  let perGpuSpot = perGpuOd.od.usdPerHour / perGpuOd.gpus;
  let spotType = perGpuOd;
  let spotPricedAs: PricedAs | undefined;
  if (allowsSpot) {
    let best: { q: (typeof quotes)[number]; quote: ReturnType<typeof spotQuote>; perGpu: number } | undefined;
    for (const q of quotes) {
      const quote = spotQuote(q.type, q.od, prices);
      const perGpu = quote.usdPerHour / q.gpus;
      if (!best || perGpu < best.perGpu) best = { q, quote, perGpu };
    }
    perGpuSpot = best!.perGpu;
    spotType = best!.q;
    if (spotShare > 0) {
      spotPricedAs = best!.quote.pricedAs;
      if (best!.quote.assumption) assumptions.push(best!.quote.assumption);
    }
  }
  const used: PricedAs[] = (mix.length ? mix : [lead]).map((m) => ({ what: `${m.type} on-demand`, ...m.od }));
  if (!mix.some((m) => m.type === perGpuOd.type) && spotShare < 1) used.push({ what: `${perGpuOd.type} on-demand`, ...perGpuOd.od });
  if (spotPricedAs) used.push(spotPricedAs);
  const gpuHours = p.expectedGpusInUse * p.hoursPerMonth;
  const perGpuHour = spotShare * perGpuSpot + (1 - spotShare) * (perGpuOd.od.usdPerHour / perGpuOd.gpus);
  const expectedNodes = p.expectedGpusInUse / spotType.gpus;
  if (p.expectedGpusAssumed) assumptions.push(`expected GPUs in use (${p.expectedGpusInUse}) is the library default, not a stated figure`);
  if (p.limitOverrunNodes > 0) assumptions.push(`worst case adds ${p.limitOverrunNodes} node(s) a rapid scale-out may launch past the limit`);
  const lines: CostLine[] = [
    {
      constructPath: p.constructPath,
      item: `GPU pool, limit ${p.gpuLimit} GPUs (${p.instanceTypes.length} types)`,
      category: 'compute',
      tags: p.tags,
      monthlyUsd: { expected: round2(perGpuHour * gpuHours), worstCase: round2(worst.monthly) },
      gpuHours: { expected: gpuHours, worstCase: worstGpus * HOURS_PER_MONTH },
      ...sliceFigures(p, expectedNodes * p.hoursPerMonth, gpuHours),
      onDemand: {
        expected: { monthlyUsd: round2((1 - spotShare) * (perGpuOd.od.usdPerHour / perGpuOd.gpus) * gpuHours), family: familyOf(perGpuOd.type) },
        worstCase: { monthlyUsd: round2(worst.monthly), family: familyOf(worst.type) },
      },
      prices: used,
      assumptions: [
        `expected: ${p.expectedGpusInUse} GPU(s) in use for ${p.hoursPerMonth} h/month, ${Math.round(spotShare * 100)} % on spot (${spotType.type}), the rest on-demand (${perGpuOd.type})`,
        `worst case: ${worstMix} on-demand for ${HOURS_PER_MONTH} h (limit ${p.gpuLimit} GPUs${p.cpuLimit !== undefined ? `, ${p.cpuLimit} vCPUs` : ''})`,
        ...assumptions,
      ],
    },
    storageLine(p, p.storagePerNode, expectedNodes, worst.nodes, prices),
  ];
  if (spotShare > 0) {
    const rework = reworkLine(p, spotType.type, perGpuSpot * spotType.gpus, expectedNodes * spotShare, prices, options);
    if (rework) lines.push(rework);
  }
  return lines;
}

/** Expected spot price per hour: the region's snapshot median, else the advisor band, else on-demand (assumed). */
function spotPrice(type: string, od: PriceQuote, prices: Prices, used: PricedAs[], assumptions: string[]): number {
  const quote = spotQuote(type, od, prices);
  used.push(quote.pricedAs);
  if (quote.assumption) assumptions.push(quote.assumption);
  return quote.usdPerHour;
}

/** The expected spot price of `type` with what it was priced as (and the assumption made, if any). */
function spotQuote(type: string, od: PriceQuote, prices: Prices): { usdPerHour: number; pricedAs: PricedAs; assumption?: string } {
  const snap = prices.spot(type);
  if (snap) return { usdPerHour: Math.min(snap.usdPerHour, od.usdPerHour), pricedAs: { what: `${type} spot (${snap.basis})`, ...snap } };
  const band = prices.spotAdvisor(type);
  if (band) {
    const usd = od.usdPerHour * (1 - band.savingsPercent / 100);
    return { usdPerHour: usd, pricedAs: { what: `${type} spot (advisor band -${band.savingsPercent} %)`, usdPerHour: usd, source: band.source, asOf: band.asOf, note: band.note } };
  }
  return {
    usdPerHour: od.usdPerHour,
    pricedAs: { what: `${type} spot`, ...od, assumed: 'no spot data: on-demand price' },
    assumption: `no spot price or advisor band for ${type} in ${prices.region}: spot priced at on-demand`,
  };
}

function reworkLine(
  p: ComputeCostProfile | NodePoolCostProfile,
  type: string,
  spotHourly: number,
  spotNodes: number,
  prices: Prices,
  options: EngineOptions,
): CostLine | undefined {
  const band = prices.spotAdvisor(type);
  const minutes = p.checkpointIntervalMinutes ?? options.defaultCheckpointMinutes ?? 60;
  const assumptions: string[] = [];
  if (p.checkpointIntervalMinutes === undefined) assumptions.push(`checkpoint interval not stated: ${minutes} min assumed`);
  let rate: number;
  let source: PricedAs;
  if (band) {
    rate = band.interruptionMaxPercent / 100;
    source = { what: `${type} interruption band ${band.interruption}`, usdPerHour: spotHourly, source: band.source, asOf: band.asOf, note: band.note };
    assumptions.push(`interruptions: ${band.interruption} of instances a month (upper bound ${band.interruptionMaxPercent} % used); each loses half a checkpoint interval`);
  } else {
    rate = 0.2;
    source = { what: `${type} interruption rate`, usdPerHour: spotHourly, source: 'library assumption', asOf: null, assumed: 'no advisor band: 20 % a month assumed' };
    assumptions.push(`no spot-advisor band for ${type}: 20 % of instances interrupted a month assumed`);
  }
  const hours = spotNodes * rate * (minutes / 60 / 2);
  return {
    constructPath: p.constructPath,
    item: `spot interruption rework (${type})`,
    category: 'rework',
    tags: p.tags,
    monthlyUsd: { expected: round2(hours * spotHourly), worstCase: 0 },
    prices: [source],
    assumptions: [`${round2(hours)} node-hours redone a month`, ...assumptions, 'worst case has no spot, so no rework'],
  };
}

function storageLine(p: CostProfile, s: NodeStorage, expectedNodes: number, worstNodes: number, prices: Prices): CostLine {
  const gb = prices.fixed('ebs-gp3-gb-month');
  const iops = prices.fixed('ebs-gp3-iops-month');
  const tp = prices.fixed('ebs-gp3-throughput-mibps-month');
  const used: PricedAs[] = [
    { what: 'gp3 per GB-month', ...gb },
    ...(s.iops > 3000 ? [{ what: 'gp3 IOPS over 3,000 per IOPS-month', ...iops }] : []),
    ...(s.throughputMiBps > 125 ? [{ what: 'gp3 throughput over 125 MiB/s per MiB/s-month', ...tp }] : []),
  ];
  const perNodeMonth = s.sizeGiB * gb.usdPerHour + Math.max(0, s.iops - 3000) * iops.usdPerHour + Math.max(0, s.throughputMiBps - 125) * tp.usdPerHour;
  const hours = 'hoursPerMonth' in p && p.hoursPerMonth !== undefined ? p.hoursPerMonth : HOURS_PER_MONTH;
  const baseline = s.iops > 3000 || s.throughputMiBps > 125 ? STORAGE_ASSUMPTIONS : STORAGE_ASSUMPTIONS_BASELINE;
  // gp3 is priced in every bundled region: the lists below are built only when a quote is unpriced.
  const unpriced = used.some((q) => q.unpriced);
  return {
    constructPath: p.constructPath,
    item: `EBS gp3 ${s.sizeGiB} GiB per node`,
    category: 'storage',
    tags: p.tags,
    monthlyUsd: { expected: round2(perNodeMonth * expectedNodes * (hours / HOURS_PER_MONTH)), worstCase: round2(perNodeMonth * worstNodes) },
    // IOPS and throughput are priced only above gp3's free 3,000 IOPS and 125 MiB/s.
    prices: unpriced ? used.filter((q) => !q.unpriced) : used,
    assumptions: unpriced ? [...baseline, ...used.filter((q) => q.unpriced).map((q) => `${q.what}: ${q.unpriced}, counted as 0`)] : [...baseline],
    ...(unpriced ? unpricedOf(used) : {}),
  };
}

const STORAGE_ASSUMPTIONS = ['volumes exist while their nodes run'];
const STORAGE_ASSUMPTIONS_BASELINE = [...STORAGE_ASSUMPTIONS, '3,000 IOPS and 125 MiB/s per volume, gp3\'s free baseline'];

/** The `unpriced` field of a line whose quotes include unpriced items. */
function unpricedOf(used: readonly PricedAs[]): Pick<CostLine, 'unpriced'> {
  const items = used.filter((q) => q.unpriced).map((q) => q.what);
  return items.length ? { unpriced: items } : {};
}

const HOURLY_ITEMS = new Set(['eks-control-plane', 'eks-control-plane-extended-support', 'nat-gateway', 'public-ipv4']);

/** Hours of a month, as days: a 365-day rotation period is 12 months. */
const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

function priceFixed(p: FixedCostProfile, prices: Prices): CostLine {
  const q = prices.fixed(p.item);
  const units = HOURLY_ITEMS.has(p.item) ? p.quantity * (p.hoursPerMonth ?? HOURS_PER_MONTH) : p.quantity;
  const monthly = round2(units * q.usdPerHour);
  const used: PricedAs[] = [{ what: p.item, ...q }];
  const assumptions = [...(q.unpriced ? [`${p.item}: ${q.unpriced}, counted as 0`] : []), ...(p.assumptions ?? [])];
  let monthlyIncreases: CostLine['monthlyIncreases'];
  const period = p.rotationPeriodDays;
  if (period !== undefined) {
    // AWS KMS: each of the first two rotations adds the rotation price a month; later ones add nothing.
    const r = prices.fixed('kms-rotation');
    used.push({ what: 'kms-rotation', ...r });
    const months = period / DAYS_PER_MONTH;
    const usd = round2(p.quantity * r.usdPerHour);
    monthlyIncreases = [1, 2].map((n) => ({ afterMonths: n * months, usd, why: `rotation ${n} after ${n * period} days` }));
    assumptions.push(`automatic rotation every ${period} days: +${usd.toFixed(2)} USD a month after the first and again after the second rotation, none after (counted in the 1- and N-year figures)`);
    if (r.unpriced) assumptions.push(`kms-rotation: ${r.unpriced}, counted as 0`);
  }
  return {
    constructPath: p.constructPath,
    item: p.description,
    category: 'fixed',
    tags: p.tags,
    monthlyUsd: { expected: monthly, worstCase: monthly },
    prices: used.filter((x) => !x.unpriced),
    assumptions,
    ...unpricedOf(used),
    ...(monthlyIncreases ? { monthlyIncreases } : {}),
  };
}

/** `p5` of `p5.48xlarge`, `p6-b200` of `p6-b200.48xlarge`. */
function familyOf(type: string): string {
  const dot = type.indexOf('.');
  return dot < 0 ? type : type.slice(0, dot);
}

/** Slice-hours (per GPU over GPU-hours where given, else per node over node-hours) and cost shares. */
function sliceFigures(p: ComputeCostProfile | NodePoolCostProfile, nodeHours: number, gpuHours: number): Pick<CostLine, 'sliceHours' | 'sliceCostShare'> {
  const [perUnit, hours] = p.slicesPerGpu ? [p.slicesPerGpu, gpuHours] : [p.slicesPerNode, nodeHours];
  if (!perUnit) return {};
  return {
    sliceHours: Object.fromEntries(Object.entries(perUnit).map(([k, n]) => [k, n * hours])),
    ...(p.sliceCostShare ? { sliceCostShare: { ...p.sliceCostShare } } : {}),
  };
}

function gpuCountOf(_p: CostProfile, type: string): number {
  // Non-GPU (system) types count no GPUs; fractional types count their share of one GPU.
  return InstanceCatalog.gpu(type)?.gpuCount ?? 0;
}

