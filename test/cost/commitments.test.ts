import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CapacityType, CommitmentType, CostCommitment, GpuClusterError, GpuInstanceType, GpuNodeGroup, PriceBook, applyCommitments } from '../../src/index.js';
import type { Commitment, CostLine } from '../../src/index.js';
import { newStack } from '../support/synth.js';

const tags = { team: 'search', costCenter: 'cc-1234', environment: 'prod' };
const book = PriceBook.forRegion('us-east-1');
const p5 = book.onDemand('p5.48xlarge').usdPerHour;
const g6e = book.onDemand('g6e.12xlarge').usdPerHour;
const r2 = (n: number) => Math.round(n * 100) / 100;

function computeLine(path: string, family: string, expected: number, worstCase: number): CostLine {
  return {
    constructPath: path,
    item: path,
    category: 'compute',
    tags: {},
    monthlyUsd: { expected, worstCase },
    onDemand: { expected: { monthlyUsd: expected, family }, worstCase: { monthlyUsd: worstCase, family } },
    prices: [],
    assumptions: [],
  };
}

function plan(over: Partial<Commitment>): Commitment {
  return { name: 'plan', kind: 'compute-savings-plan', hourlyCommitmentUsd: 10, discountPercent: 20, termYears: 1, tags: {}, ...over };
}

describe('applyCommitments', () => {
  test('covered usage stays on its line at the commitment rate; a fully used commitment leaves nothing unused', () => {
    // 10 USD/h at 20 % off covers 12.5 USD/h of on-demand = 9,125 USD/month, billed at 7,300.
    const out = applyCommitments([computeLine('a', 'p5', 20_000, 40_000)], [plan({})]);
    expect(out[0]!.monthlyUsd).toEqual({ expected: 20_000 - 9_125 * 0.2, worstCase: 40_000 - 9_125 * 0.2 });
    expect(out[1]).toMatchObject({ constructPath: 'plan', category: 'commitment', monthlyUsd: { expected: 0, worstCase: 0 } });
    expect(out[1]!.assumptions).toContain('utilization: 100 % expected, 100 % worst case');
  });

  test('unused commitment is still charged: the total is the whole commitment even when usage is smaller', () => {
    const out = applyCommitments([computeLine('a', 'p5', 1_000, 1_000)], [plan({})]);
    expect(out[0]!.monthlyUsd.expected).toBe(800);
    expect(out[1]!.monthlyUsd.expected).toBe(6_500);
    expect(out[0]!.monthlyUsd.expected + out[1]!.monthlyUsd.expected).toBe(7_300);
    expect(out[1]!.assumptions).toContain(`utilization: ${Math.round((1_000 / 9_125) * 1000) / 10} % expected, ${Math.round((1_000 / 9_125) * 1000) / 10} % worst case`);
  });

  test('a family plan skips other families; spot (no on-demand part) is never covered', () => {
    const spot: CostLine = { ...computeLine('spot', 'p5', 5_000, 30_000), onDemand: { expected: { monthlyUsd: 0, family: 'p5' }, worstCase: { monthlyUsd: 30_000, family: 'p5' } } };
    const out = applyCommitments([computeLine('g', 'g6e', 5_000, 5_000), spot], [plan({ kind: 'ec2-instance-savings-plan', family: 'p5' })]);
    expect(out[0]!.monthlyUsd).toEqual({ expected: 5_000, worstCase: 5_000 });
    expect(out[1]!.monthlyUsd).toEqual({ expected: 5_000, worstCase: 30_000 - 9_125 * 0.2 });
    expect(out[2]!.monthlyUsd).toEqual({ expected: 7_300, worstCase: 0 });
  });

  test('Reserved Instances apply before Savings Plans, whatever the discount', () => {
    const ri = plan({ name: 'ri', kind: 'reserved-instances', family: 'p5', hourlyCommitmentUsd: 8, discountPercent: 20 }); // covers 7,300
    const sp = plan({ name: 'sp', kind: 'compute-savings-plan', hourlyCommitmentUsd: 8, discountPercent: 60 }); // covers 14,600
    const out = applyCommitments([computeLine('a', 'p5', 10_000, 10_000)], [sp, ri]);
    expect(out[0]!.monthlyUsd.expected).toBe(10_000 - 7_300 * 0.2 - 2_700 * 0.6);
    expect(out[0]!.assumptions[0]).toMatch(/^expected: 7300\.00 USD\/month .* covered by ri/);
    expect(out[0]!.assumptions[2]).toMatch(/^expected: 2700\.00 USD\/month .* covered by sp/);
  });
});

describe('CostCommitment', () => {
  function stack(capacityType: 'ON_DEMAND' | 'SPOT' = CapacityType.ON_DEMAND) {
    const { app, stack } = newStack('us-east-1', 'ml');
    new GpuNodeGroup(stack, 'train', { clusterName: 'ml-prod', subnetIds: ['subnet-a'], instanceTypes: [GpuInstanceType.P5_48XLARGE], scaling: { min: 1, desired: 1, max: 2 }, capacityType, costTags: tags });
    new GpuNodeGroup(stack, 'serve', { clusterName: 'ml-prod', subnetIds: ['subnet-a'], instanceTypes: [GpuInstanceType.G6E_12XLARGE], scaling: { min: 1, desired: 1, max: 1 }, costTags: tags });
    return { app, stack };
  }
  const report = (app: { outdir: string }) => JSON.parse(readFileSync(join(app.outdir, 'stacks/ml/cost-report.json'), 'utf8'));

  test('an EC2 Instance Savings Plan lowers the p5 group, leaves g6e alone, and appears as a line', () => {
    const { app, stack: s } = stack();
    new CostCommitment(s, 'p5-plan', { type: CommitmentType.EC2_INSTANCE_SAVINGS_PLAN, instanceFamily: 'p5', hourlyCommitmentUsd: 30, discountPercent: 25, termYears: 1, costTags: tags });
    app.synth();
    const r = report(app);
    const train = r.lines.find((l: CostLine) => l.constructPath === 'ml/train' && l.category === 'compute');
    const serve = r.lines.find((l: CostLine) => l.constructPath === 'ml/serve' && l.category === 'compute');
    const covered = (30 / 0.75) * 730; // 29,200 USD of on-demand a month, billed at 21,900
    expect(train.monthlyUsd.expected).toBe(r2(r2(p5 * 730) - covered * 0.25));
    expect(train.monthlyUsd.worstCase).toBe(r2(r2(p5 * 2 * 730) - covered * 0.25));
    expect(serve.monthlyUsd.expected).toBe(r2(g6e * 730));
    expect(r.lines.find((l: CostLine) => l.category === 'commitment')).toMatchObject({ constructPath: 'ml/p5-plan', monthlyUsd: { expected: 0, worstCase: 0 }, tags: { team: 'search' } });
  });

  test('a spot group is not covered on the expected basis, only once spot is lost (worst case)', () => {
    const { app, stack: s } = stack(CapacityType.SPOT);
    new CostCommitment(s, 'plan', { type: CommitmentType.EC2_INSTANCE_SAVINGS_PLAN, instanceFamily: 'p5', hourlyCommitmentUsd: 30, discountPercent: 25, termYears: 3, costTags: tags });
    app.synth();
    const plan = report(app).lines.find((l: CostLine) => l.category === 'commitment');
    expect(plan.assumptions[1]).toBe('utilization: 0 % expected, 100 % worst case');
  });

  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ['compute plan with a family', { type: 'compute-savings-plan', instanceFamily: 'p5', hourlyCommitmentUsd: 1, discountPercent: 10, termYears: 1 }, /instanceFamily: does not apply to a Compute Savings Plan/],
    ['EC2 plan without a family', { type: 'ec2-instance-savings-plan', hourlyCommitmentUsd: 1, discountPercent: 10, termYears: 1 }, /instanceFamily: is required/],
    ['unknown family', { type: 'reserved-instances', instanceFamily: 'p55', hourlyCommitmentUsd: 1, discountPercent: 10, termYears: 1 }, /did you mean p5/],
    ['discount of 100', { type: 'compute-savings-plan', hourlyCommitmentUsd: 1, discountPercent: 100, termYears: 1 }, /discountPercent/],
    ['NaN commitment', { type: 'compute-savings-plan', hourlyCommitmentUsd: NaN, discountPercent: 10, termYears: 1 }, /hourlyCommitmentUsd.*Given: NaN/],
    ['2-year term', { type: 'compute-savings-plan', hourlyCommitmentUsd: 1, discountPercent: 10, termYears: 2 }, /termYears.*Allowed: 1 or 3/],
    ['unknown type', { type: 'spot-block', hourlyCommitmentUsd: 1, discountPercent: 10, termYears: 1 }, /type: is not one of/],
  ];
  test.each(bad)('%s is a GpuClusterError', (_name, props, message) => {
    const { stack: s } = newStack('us-east-1', 'ml');
    let error: unknown;
    try {
      new CostCommitment(s, 'plan', props as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GpuClusterError);
    expect((error as Error).message).toMatch(/\[ml\/plan\]/);
    expect((error as Error).message).toMatch(message);
  });
});
