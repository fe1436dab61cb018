// Issue 6: the same pool priced on both bases through the synth gate, figures from the catalog.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BudgetBasis, CostBudget, GpuInstanceType, GpuNodePool, Karpenter, PriceBook } from '../../src/index.js';
import type { CostLine } from '../../src/index.js';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider/index.js';
import { newStack } from '../support/synth.js';
import { tags } from './support.js';

const r2 = (n: number) => Math.round(n * 100) / 100;

function poolStack(region: string, gpuLimit: number | undefined) {
  const { app, stack } = newStack(region, 'ml');
  new HelmProvider(stack, 'helm', {});
  const karpenter = new Karpenter(stack, 'karpenter', { clusterName: 'ml-prod', costTags: tags });
  new GpuNodePool(stack, 'train', {
    karpenter, instanceTypes: [GpuInstanceType.G6E_12XLARGE], gpuLimit: gpuLimit as number, expectedGpusInUse: 4, spotShare: 0.5,
    amiAlias: 'al2023@v20260714', disruption: { consolidateAfter: '30m' }, costTags: tags,
  });
  return { app, stack };
}

describe.each(['us-east-1', 'eu-central-1'])('a g6e.12xlarge pool with a 16-GPU limit in %s', (region) => {
  const book = PriceBook.forRegion(region);
  const od = book.onDemand('g6e.12xlarge').usdPerHour;
  const spot = Math.min(book.spot('g6e.12xlarge')!.usdPerHour, od);

  test('worst case fills the limit with 4 nodes on-demand; expected runs 1 node half on spot', () => {
    const { app } = poolStack(region, 16);
    app.synth();
    const report = JSON.parse(readFileSync(join(app.outdir, 'stacks/ml/cost-report.json'), 'utf8'));
    const compute = report.lines.find((l: CostLine) => l.constructPath === 'ml/train' && l.category === 'compute');
    expect(compute.monthlyUsd.worstCase).toBe(r2(4 * od * 730));
    // 4 GPUs in use = one 4-GPU node for 730 h, half of it at the spot price.
    expect(compute.monthlyUsd.expected).toBe(r2((0.5 * spot + 0.5 * od) * 730));
    expect(compute.monthlyUsd.worstCase).toBeGreaterThan(compute.monthlyUsd.expected);
  });

  test('a worst-case budget between the two figures fails synth, an expected one passes', () => {
    const between = r2((4 * od * 730 + od * 730) / 2);
    const failing = poolStack(region, 16);
    new CostBudget(failing.stack, 'budget', { monthlyLimitUsd: between, basis: BudgetBasis.WORST_CASE });
    expect(() => failing.app.synth()).toThrow(/\[ml\/budget\] GpuClusterError BUDGET_EXCEEDED: worst-case monthly cost/);
    const passing = poolStack(region, 16);
    new CostBudget(passing.stack, 'budget', { monthlyLimitUsd: between, basis: BudgetBasis.EXPECTED });
    expect(() => passing.app.synth()).not.toThrow();
  });
});

test('removing the limit fails synth: an unbounded pool has no worst case', () => {
  expect(() => poolStack('us-east-1', undefined)).toThrow(/\[ml\/train\] gpuLimit: is required: an unbounded GPU pool has no worst-case cost/);
});
