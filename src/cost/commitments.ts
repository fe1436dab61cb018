import type { CostBasis, CostLine } from './tco-engine.js';
import { HOURS_PER_MONTH } from './cost-profile.js';

/** What kind of commitment: decides what usage it may cover and in which order AWS applies it. */
export type CommitmentKind = 'reserved-instances' | 'ec2-instance-savings-plan' | 'compute-savings-plan';

/** A user-stated Savings Plan or Reserved Instance commitment. */
export interface Commitment {
  /** Shown on its cost line (the construct path of the CostCommitment). */
  readonly name: string;
  readonly kind: CommitmentKind;
  /** Committed spend per hour, USD: charged every hour of the term, used or not. */
  readonly hourlyCommitmentUsd: number;
  /** Discount against on-demand on covered usage, percent (0 < d < 100). */
  readonly discountPercent: number;
  /** Term in years (1 or 3). */
  readonly termYears: number;
  /** Instance family covered (EC2 Instance Savings Plans, Reserved Instances); undefined covers every family. */
  readonly family?: string;
  /** Cost-allocation tags of the commitment's line. */
  readonly tags: Readonly<Record<string, string>>;
}

// AWS applies Reserved Instances first, then EC2 Instance Savings Plans, then Compute Savings
// Plans; within Savings Plans, the one with the largest discount first.
const ORDER: Record<CommitmentKind, number> = { 'reserved-instances': 0, 'ec2-instance-savings-plan': 1, 'compute-savings-plan': 2 };
const BASES: readonly CostBasis[] = ['EXPECTED', 'WORST_CASE'];
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Applies commitments to the on-demand part of compute lines, on each basis separately: covered
 * usage moves from the line to the commitment, whose own line charges the full commitment (used
 * or not). Spot usage is never covered. Usage is taken as spread evenly over the month, as a
 * commitment covers hour by hour.
 */
export function applyCommitments(lines: readonly CostLine[], commitments: readonly Commitment[]): CostLine[] {
  if (commitments.length === 0) return [...lines];
  const out = lines.map((l) => ({ ...l, monthlyUsd: { ...l.monthlyUsd }, onDemand: l.onDemand && { expected: { ...l.onDemand.expected }, worstCase: { ...l.onDemand.worstCase } }, assumptions: [...l.assumptions] }));
  const sorted = [...commitments].sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || b.discountPercent - a.discountPercent || a.name.localeCompare(b.name));
  const commitmentLines: CostLine[] = [];
  for (const c of sorted) {
    const coverageMonthly = (c.hourlyCommitmentUsd / (1 - c.discountPercent / 100)) * HOURS_PER_MONTH;
    const usedPercent: Record<CostBasis, number> = { EXPECTED: 0, WORST_CASE: 0 };
    for (const basis of BASES) {
      let capacity = coverageMonthly;
      for (const line of out) {
        if (capacity <= 0) break;
        const usage = basis === 'EXPECTED' ? line.onDemand?.expected : line.onDemand?.worstCase;
        if (!usage || usage.monthlyUsd <= 0 || (c.family !== undefined && c.family !== usage.family)) continue;
        const covered = Math.min(usage.monthlyUsd, capacity);
        capacity -= covered;
        (usage as { monthlyUsd: number }).monthlyUsd = round2(usage.monthlyUsd - covered);
        const key = basis === 'EXPECTED' ? 'expected' : 'worstCase';
        line.monthlyUsd[key] = round2(line.monthlyUsd[key] - covered);
        line.assumptions.push(`${basis === 'EXPECTED' ? 'expected' : 'worst case'}: ${round2(covered).toFixed(2)} USD/month of on-demand ${usage.family} usage covered by ${c.name}`);
      }
      usedPercent[basis] = Math.round(((coverageMonthly - capacity) / coverageMonthly) * 1000) / 10;
    }
    const charge = round2(c.hourlyCommitmentUsd * HOURS_PER_MONTH);
    commitmentLines.push({
      constructPath: c.name,
      item: `${KIND_NAMES[c.kind]}${c.family ? ` (${c.family})` : ''}: ${c.hourlyCommitmentUsd} USD/h, ${c.termYears}-year term, ${c.discountPercent} % off on-demand`,
      category: 'commitment',
      tags: c.tags,
      monthlyUsd: { expected: charge, worstCase: charge },
      prices: [{ what: 'commitment', usdPerHour: c.hourlyCommitmentUsd, source: 'user-stated commitment', asOf: null }],
      assumptions: [
        'charged in full every hour of the term, used or not',
        `utilization: ${usedPercent.EXPECTED} % expected, ${usedPercent.WORST_CASE} % worst case`,
      ],
    });
  }
  return [...out, ...commitmentLines];
}

const KIND_NAMES: Record<CommitmentKind, string> = {
  'reserved-instances': 'Reserved Instances',
  'ec2-instance-savings-plan': 'EC2 Instance Savings Plan',
  'compute-savings-plan': 'Compute Savings Plan',
};

