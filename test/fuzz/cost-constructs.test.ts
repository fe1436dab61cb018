import fc from 'fast-check';
import { BudgetScope, CostBudget } from '../../src/policy/cost-budget.js';
import type { CostBudgetProps } from '../../src/policy/cost-budget.js';
import { CostCommitment } from '../../src/policy/cost-commitment.js';
import type { CostCommitmentProps } from '../../src/policy/cost-commitment.js';
import { GpuNodeGroup } from '../../src/compute/gpu-node-group.js';
import type { TerraformStack } from 'cdktf';
import { corrupted, costTags, dnsName, fuzzParams, hostile } from './arbitraries.js';
import { expectSomeSynth, fuzzStack, outcomeOf } from './outcome.js';

const tags = { team: 'search', costCenter: 'cc-1234', environment: 'prod' };
function withGroup(): TerraformStack {
  const stack = fuzzStack();
  new GpuNodeGroup(stack, 'group', { clusterName: 'ml-prod', subnetIds: ['subnet-a'], instanceTypes: ['g6e.12xlarge'], scaling: { min: 0, desired: 1, max: 3 }, costTags: tags });
  return stack;
}

const scope = fc.oneof(fc.constant(undefined), fc.constant('stack'), dnsName.map((t) => `team:${t}`), fc.constantFrom('team:search', 'cc:cc-1234'), hostile.map((h) => ({ hostile: h })));
const budget = fc.record(
  { monthlyLimitUsd: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0, max: 1e9, noNaN: true })), basis: fc.constantFrom('EXPECTED', 'WORST_CASE'), warnAtPercent: fc.integer({ min: 0, max: 100 }), scope },
  { requiredKeys: ['monthlyLimitUsd', 'basis'] },
);

const commitment = fc.record(
  {
    type: fc.constantFrom('compute-savings-plan', 'ec2-instance-savings-plan', 'reserved-instances'),
    hourlyCommitmentUsd: fc.double({ min: 0.001, max: 1000, noNaN: true }),
    discountPercent: fc.double({ min: 0.01, max: 99.99, noNaN: true }),
    termYears: fc.constantFrom(1, 3),
    instanceFamily: fc.constantFrom('g6e', 'p5', 'g5', 'm7i', 'p9'),
    costTags,
  },
  { requiredKeys: ['type', 'hourlyCommitmentUsd', 'discountPercent', 'termYears'] },
);

describe('fuzz: CostBudget', () => {
  test('random limits, bases, percentages and scopes (two budgets, duplicated ids avoided by construct ids) price or fail with a GpuClusterError', () => {
    const seen: string[] = [];
    fc.assert(
      fc.property(corrupted(budget, ['monthlyLimitUsd', 'basis', 'warnAtPercent', 'scope']), fc.boolean(), (props, twice) => {
        seen.push(outcomeOf(() => {
          const stack = withGroup();
          const raw = props as Record<string, unknown>;
          const s = raw.scope;
          const built = typeof s === 'string' ? (s === 'stack' ? BudgetScope.stack() : s.startsWith('team:') ? BudgetScope.team(s.slice(5)) : BudgetScope.costCenter(s.slice(3))) : s && typeof s === 'object' && 'hostile' in s ? (s as { hostile: unknown }).hostile : undefined;
          const p = { ...raw, scope: built } as unknown as CostBudgetProps;
          new CostBudget(stack, 'budget', p);
          if (twice) new CostBudget(stack, 'budget-2', p);
          return stack;
        }).kind);
      }),
      fuzzParams,
    );
    expectSomeSynth(seen);
  });
});

describe('fuzz: CostCommitment', () => {
  test('random commitments apply or fail with a GpuClusterError', () => {
    const seen: string[] = [];
    fc.assert(
      fc.property(corrupted(commitment, ['type', 'hourlyCommitmentUsd', 'discountPercent', 'termYears', 'instanceFamily', 'costTags']), (props) => {
        seen.push(outcomeOf(() => {
          const stack = withGroup();
          new CostCommitment(stack, 'plan', props as CostCommitmentProps);
          return stack;
        }).kind);
      }),
      fuzzParams,
    );
    expectSomeSynth(seen);
  });
});
