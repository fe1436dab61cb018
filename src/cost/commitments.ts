import type { CostBasis, CostLine } from './cost-line.js';
import { HOURS_PER_MONTH } from './cost-profile.js';
import { compareText } from '../base/text-order.js';

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
 * Applies commitments to the on-demand part of compute lines, on each basis separately, as AWS
 * bills them: covered usage stays on its line at the commitment's rate (on-demand less the
 * discount), and the commitment's own line carries what is left of it unused — so unit costs and
 * team totals see the discount, and the total still charges the whole commitment. Spot usage is
 * never covered. Usage is taken as spread evenly over the month, as a commitment covers hour by
 * hour.
 */
export function applyCommitments(lines: readonly CostLine[], commitments: readonly Commitment[]): CostLine[] {
  if (commitments.length === 0) return [...lines];
  const out = lines.map((l) => ({ ...l, monthlyUsd: { ...l.monthlyUsd }, onDemand: l.onDemand && { expected: { ...l.onDemand.expected }, worstCase: { ...l.onDemand.worstCase } }, assumptions: [...l.assumptions] }));
  const sorted = [...commitments].sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || b.discountPercent - a.discountPercent || compareText(a.name, b.name));
  const commitmentLines: CostLine[] = [];
  for (const c of sorted) {
    const charge = c.hourlyCommitmentUsd * HOURS_PER_MONTH;
    const rate = 1 - c.discountPercent / 100;
    const coverageMonthly = charge / rate; // on-demand spend a month the commitment can cover
    const unused = { expected: 0, worstCase: 0 };
    const usedPercent: Record<CostBasis, number> = { EXPECTED: 0, WORST_CASE: 0 };
    for (const basis of BASES) {
      const key = basis === 'EXPECTED' ? 'expected' : 'worstCase';
      let capacity = coverageMonthly;
      for (const line of out) {
        if (capacity <= 0) break;
        const usage = line.onDemand?.[key] as { monthlyUsd: number; family: string } | undefined;
        if (!usage || usage.monthlyUsd <= 0 || (c.family !== undefined && c.family !== usage.family)) continue;
        const covered = Math.min(usage.monthlyUsd, capacity);
        capacity -= covered;
        usage.monthlyUsd = round2(usage.monthlyUsd - covered);
        line.monthlyUsd[key] = round2(line.monthlyUsd[key] - covered * (1 - rate));
        line.assumptions.push(`${basis === 'EXPECTED' ? 'expected' : 'worst case'}: ${covered.toFixed(2)} USD/month of on-demand ${usage.family} usage covered by ${c.name} at ${c.discountPercent} % off`);
      }
      unused[key] = round2(capacity * rate);
      usedPercent[basis] = Math.round(((coverageMonthly - capacity) / coverageMonthly) * 1000) / 10;
    }
    commitmentLines.push({
      constructPath: c.name,
      item: `${KIND_NAMES[c.kind]}${c.family ? ` (${c.family})` : ''}: ${c.hourlyCommitmentUsd} USD/h, ${c.termYears}-year term, ${c.discountPercent} % off on-demand (unused part)`,
      category: 'commitment',
      tags: c.tags,
      monthlyUsd: unused,
      prices: [{ what: 'commitment', usdPerHour: c.hourlyCommitmentUsd, source: 'user-stated commitment', asOf: null }],
      assumptions: [
        `${round2(charge).toFixed(2)} USD/month charged every hour of the term, used or not: covered usage is billed on its own lines at the commitment rate, the rest here`,
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

