import fc from 'fast-check';
import { PriceBook, priceProfiles } from '../../src/index.js';
import type { ComputeCostProfile, NodePoolCostProfile } from '../../src/index.js';

const usEast1 = PriceBook.forRegion('us-east-1');
const tags = { team: 't', 'cost-center': 'c', environment: 'e' };
const storage = { volumeType: 'gp3' as const, sizeGiB: 200, iops: 3000, throughputMiBps: 125 };

function group(over: Partial<ComputeCostProfile> = {}): ComputeCostProfile {
  return { kind: 'eks-node-group', constructPath: 's/g', instanceTypes: ['p5.48xlarge'], nodes: { min: 0, desired: 1, max: 1 }, capacityType: 'ON_DEMAND', hoursPerMonth: 730, storagePerNode: storage, tags, ...over };
}

function pool(over: Partial<NodePoolCostProfile> = {}): NodePoolCostProfile {
  return {
    kind: 'karpenter-node-pool', constructPath: 's/p', instanceTypes: ['p5.48xlarge', 'p4d.24xlarge'], gpuLimit: 64, expectedGpusInUse: 16, expectedGpusAssumed: false,
    capacityTypes: ['SPOT', 'ON_DEMAND'], spotShare: 0.5, limitOverrunNodes: 0, hoursPerMonth: 730, storagePerNode: storage, tags, ...over,
  };
}

describe('TCO engine against hand-computed catalog figures', () => {
  test('one p5.48xlarge on-demand in us-east-1 for 730 h: 55.04 x 730 = 40,179.20 USD', () => {
    const [compute, ebs] = priceProfiles([group()], usEast1);
    expect(compute!.monthlyUsd).toEqual({ expected: 40179.2, worstCase: 40179.2 });
    expect(compute!.gpuHours).toEqual({ expected: 8 * 730, worstCase: 8 * 730 });
    expect(compute!.prices[0]).toMatchObject({ usdPerHour: 55.04, source: expect.stringContaining('skypilot-catalog') });
    // gp3 200 GiB at 0.08 USD/GB-month, baseline IOPS and throughput free.
    expect(ebs!.monthlyUsd).toEqual({ expected: 16, worstCase: 16 });
  });

  test('a node group: expected at desired for its hours, worst case at max for 730 h', () => {
    const [compute] = priceProfiles([group({ instanceTypes: ['g6e.12xlarge'], nodes: { min: 1, desired: 2, max: 6 }, hoursPerMonth: 365 })], usEast1);
    expect(compute!.monthlyUsd.expected).toBeCloseTo(10.49264 * 2 * 365, 2);
    expect(compute!.monthlyUsd.worstCase).toBeCloseTo(10.49264 * 6 * 730, 2);
  });

  test('gp3 IOPS and throughput above the baseline are charged (0.005 / IOPS, 0.04 / MiB/s)', () => {
    const [, ebs] = priceProfiles([group({ storagePerNode: { volumeType: 'gp3', sizeGiB: 100, iops: 4000, throughputMiBps: 225 } })], usEast1);
    expect(ebs!.monthlyUsd.expected).toBeCloseTo(100 * 0.08 + 1000 * 0.005 + 100 * 0.04, 2);
  });

  test('a Karpenter pool: worst case is the GPU limit filled with the dearest type on-demand', () => {
    const [compute] = priceProfiles([pool()], usEast1);
    // 64 GPUs: 8 x p5.48xlarge (55.04) = 321,433.60 > 8 x p4d.24xlarge (21.957642).
    expect(compute!.monthlyUsd.worstCase).toBeCloseTo(8 * 55.04 * 730, 2);
    expect(compute!.monthlyUsd.expected).toBeLessThan(compute!.monthlyUsd.worstCase);
  });

  test('the issue-13 example: 64-GPU H100/A100 pool + 8 x g6e.12xlarge is about 383,000 USD/month worst case', () => {
    const lines = priceProfiles([pool({ instanceTypes: ['p5.48xlarge', 'p4de.24xlarge'] }), group({ instanceTypes: ['g6e.12xlarge'], nodes: { min: 2, desired: 2, max: 8 } })], usEast1);
    const compute = lines.filter((l) => l.category === 'compute').reduce((s, l) => s + l.monthlyUsd.worstCase, 0);
    expect(compute).toBeCloseTo(8 * 55.04 * 730 + 8 * 10.49264 * 730, 1);
    expect(Math.round(compute / 1000)).toBe(383);
  });

  test('spot with no snapshot or advisor band is priced at on-demand and flagged (p5.4xlarge, us-east-1)', () => {
    const [compute] = priceProfiles([group({ instanceTypes: ['p5.4xlarge'], capacityType: 'SPOT' })], usEast1);
    expect(compute!.monthlyUsd.expected).toBeCloseTo(6.88 * 730, 2);
    expect(compute!.assumptions.join('\n')).toContain('spot priced at on-demand');
  });

  test('spot node groups get an interruption rework line from the advisor band', () => {
    const lines = priceProfiles([group({ instanceTypes: ['g5.12xlarge'], capacityType: 'SPOT', nodes: { min: 0, desired: 4, max: 4 }, checkpointIntervalMinutes: 30 })], usEast1);
    const rework = lines.find((l) => l.category === 'rework')!;
    const spot = usEast1.spot('g5.12xlarge')!.usdPerHour;
    // g5.12xlarge band 5-10% (upper bound 11 %): 4 nodes x 0.11 x 0.25 h redone.
    expect(rework.monthlyUsd.expected).toBeCloseTo(4 * 0.11 * 0.25 * spot, 2);
  });

  test('a type not priced in the region is an error naming it and the regions that have it', () => {
    expect(() => priceProfiles([group({ instanceTypes: ['p6-b300.48xlarge'] })], usEast1)).toThrow(/NO_PRICE_IN_REGION[\s\S]*p6-b300\.48xlarge[\s\S]*us-west-2/);
  });
});

describe('TCO engine properties', () => {
  const types = ['g4dn.xlarge', 'g5.12xlarge', 'g6e.12xlarge', 'p4d.24xlarge', 'p5.48xlarge', 'g6.xlarge'];
  const profile = fc
    .record({ type: fc.constantFrom(...types), min: fc.integer({ min: 0, max: 10 }), extra: fc.integer({ min: 0, max: 10 }), extra2: fc.integer({ min: 0, max: 10 }), spot: fc.boolean(), hours: fc.integer({ min: 0, max: 730 }) })
    .map((r) => group({ instanceTypes: [r.type], nodes: { min: r.min, desired: r.min + r.extra, max: Math.max(1, r.min + r.extra + r.extra2) }, capacityType: r.spot ? 'SPOT' : 'ON_DEMAND', hoursPerMonth: r.hours }));

  test('worst case >= expected (compute and storage), and totals are sums of lines', () => {
    fc.assert(
      fc.property(fc.array(profile, { minLength: 1, maxLength: 5 }), (ps) => {
        const lines = priceProfiles(ps, usEast1);
        for (const l of lines.filter((x) => x.category !== 'rework')) expect(l.monthlyUsd.worstCase).toBeGreaterThanOrEqual(l.monthlyUsd.expected);
        for (const l of lines) expect(Number.isFinite(l.monthlyUsd.expected) && l.monthlyUsd.expected >= 0).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  test('cost is monotone in node counts', () => {
    fc.assert(
      fc.property(profile, fc.integer({ min: 1, max: 5 }), (p, more) => {
        const a = priceProfiles([p], usEast1)[0]!;
        const b = priceProfiles([{ ...p, nodes: { ...p.nodes, desired: p.nodes.desired + more, max: p.nodes.max + more } }], usEast1)[0]!;
        expect(b.monthlyUsd.expected).toBeGreaterThanOrEqual(a.monthlyUsd.expected);
        expect(b.monthlyUsd.worstCase).toBeGreaterThan(a.monthlyUsd.worstCase);
      }),
      { numRuns: 100 },
    );
  });

  test('spot is never above on-demand', () => {
    for (const t of types) {
      const od = priceProfiles([group({ instanceTypes: [t] })], usEast1)[0]!.monthlyUsd.expected;
      const spot = priceProfiles([group({ instanceTypes: [t], capacityType: 'SPOT' })], usEast1)[0]!.monthlyUsd.expected;
      expect(spot).toBeLessThanOrEqual(od);
    }
  });
});
