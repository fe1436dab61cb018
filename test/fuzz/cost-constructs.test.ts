import fc from 'fast-check';
import { BudgetScope, CostBudget } from '../../src/policy/cost-budget.js';
import type { CostBudgetProps } from '../../src/policy/cost-budget.js';
import { CostCommitment } from '../../src/policy/cost-commitment.js';
import type { CostCommitmentProps } from '../../src/policy/cost-commitment.js';
import { GpuNodeGroup } from '../../src/compute/gpu-node-group.js';
import type { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { CostPolicy, Policy } from '../../src/policy/acknowledgements.js';
import type { Acknowledgement } from '../../src/policy/acknowledgements.js';
import { DEFAULT_RULES } from '../../src/policy/packs.js';
import { justify } from '../../src/core/justifications.js';
import { PriceBookSettings } from '../../src/policy/price-settings.js';
import { FIXED_PRICE_ITEMS } from '../../src/catalog/price-quote.js';
import type { PriceOverrides } from '../../src/catalog/price-quote.js';
import { annotationText, corrupted, costTags, dnsName, fuzzParams, hostile, nested } from './arbitraries.js';
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

const ruleIds = DEFAULT_RULES.map((r) => r.id);
const reason = fc.oneof({ arbitrary: fc.constantFrom('Q4 launch, approved by finance FIN-221', '  padded reason, ten chars  '), weight: 3 }, { arbitrary: annotationText, weight: 1 }, { arbitrary: hostile, weight: 1 });
const acknowledgement = fc.record({ rule: fc.oneof({ arbitrary: fc.constantFrom(...ruleIds), weight: 5 }, { arbitrary: fc.oneof(fc.constant('no-such-rule'), hostile), weight: 1 }), reason });

describe('fuzz: CostPolicy.acknowledge and justify', () => {
  test('random acknowledgements and justifications of random targets (over budget or not) apply or fail with a GpuClusterError', () => {
    const seen: string[] = [];
    fc.assert(
      fc.property(fc.constantFrom('group', 'budget', 'stack', 'hostile'), hostile, fc.oneof({ arbitrary: acknowledgement, weight: 9 }, { arbitrary: hostile, weight: 1 }), fc.constantFrom('acknowledge', 'Policy', 'justify'), fc.boolean(), (target, bad, ack, via, over) => {
        seen.push(outcomeOf(() => {
          const stack = withGroup();
          const budget = new CostBudget(stack, 'budget', { monthlyLimitUsd: over ? 1 : 1e9, basis: 'EXPECTED' });
          const on = (target === 'group' ? stack.node.findChild('group') : target === 'budget' ? budget : target === 'stack' ? stack : bad) as IConstruct;
          const a = ack as Acknowledgement;
          if (via === 'justify') justify(on, a?.rule, a?.reason);
          else (via === 'Policy' ? Policy : CostPolicy).acknowledge(on, a);
          return stack;
        }).kind);
      }),
      fuzzParams,
    );
    expectSomeSynth(seen);
  });
});

const overrides = fc.record(
  {
    onDemand: fc.dictionary(fc.constantFrom('g6e.12xlarge', 'p5.48xlarge', 'g6e.xlarge', 'not-a-type'), fc.oneof(fc.double({ min: 0.01, max: 200, noNaN: true }), fc.constantFrom(0, -1, NaN, Infinity)), { maxKeys: 2 }),
    spot: fc.dictionary(fc.constantFrom('g6e.12xlarge', 'g5.xlarge'), fc.oneof(fc.double({ min: 0.01, max: 50, noNaN: true }), fc.dictionary(fc.constantFrom('use1-az1', 'use1-az4', 'us-east-1a'), fc.double({ min: 0.01, max: 50, noNaN: true }), { maxKeys: 2 })), { maxKeys: 1 }),
    fixed: fc.dictionary(fc.constantFrom(...FIXED_PRICE_ITEMS, 'coffee'), fc.double({ min: 0.001, max: 100, noNaN: true }), { maxKeys: 2 }),
  },
  { requiredKeys: [] },
);
const settings = fc.record(
  {
    override: nested(overrides, ['onDemand', 'spot', 'fixed']),
    lockFile: fc.constantFrom<unknown>(false, 'no-such-prices.lock.json'),
    strictPrices: fc.boolean(),
    region: fc.constantFrom('us-east-1', 'us-west-2', 'eu-west-1', 'ap-south-1'),
  },
  { requiredKeys: [] },
);

describe('fuzz: PriceBookSettings', () => {
  test('random overrides, lock files, strictness and regions price the stack or fail with a GpuClusterError', () => {
    const seen: string[] = [];
    fc.assert(
      fc.property(corrupted(settings, ['override', 'lockFile', 'strictPrices', 'region']), fc.boolean(), fc.oneof({ arbitrary: fc.constant(undefined), weight: 9 }, { arbitrary: hostile, weight: 1 }), (s, budget, scope) => {
        seen.push(outcomeOf(() => {
          const stack = withGroup();
          if (budget) new CostBudget(stack, 'budget', { monthlyLimitUsd: 50_000, basis: 'WORST_CASE' });
          const book = PriceBookSettings.of((scope ?? stack) as IConstruct);
          const p = s as Record<string, unknown>;
          if ('override' in p) book.override(p.override as PriceOverrides);
          if ('lockFile' in p) book.lockFile(p.lockFile as string);
          if ('strictPrices' in p) book.strictPrices(p.strictPrices as boolean);
          if ('region' in p) book.region(p.region as string);
          return stack;
        }).kind);
      }),
      fuzzParams,
    );
    expectSomeSynth(seen);
  });
});
