/**
 * A cluster that breaks its budget: synth must fail (exit non-zero) with the budget message.
 *   npx tsx examples/over-budget/main.ts
 * A 64-GPU H100/A100 MIG pool as full as its limits allow at on-demand (48 x p5.4xlarge) and 8
 * g6e.12xlarge inference nodes cost about 300,000 USD a month at worst case: a 120,000 USD
 * worst-case budget cannot hold.
 * examples/gpu-cluster is the same cluster with a 500,000 USD budget.
 */
import { App } from 'cdktf';
import { BudgetBasis, GpuCluster, GpuInstanceType, MigLayout } from '../../src/index.js';

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
const cluster = new GpuCluster(app, 'ml', {
  region: 'us-west-2',
  costTags: { team: 'ml-platform', costCenter: 'cc-42', environment: 'prod' },
  budget: { monthlyLimitUsd: 120_000, basis: BudgetBasis.WORST_CASE },
});
cluster.addNodeGroup('inference', { instanceTypes: [GpuInstanceType.G6E_12XLARGE], scaling: { min: 2, desired: 2, max: 8 } });
cluster.addSpotPool('training', { gpuNames: ['h100', 'a100'], gpuLimit: 64, migLayout: MigLayout.uniform('3g.40gb') });
cluster.addAlertRules();

app.synth();
