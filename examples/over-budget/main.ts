/**
 * A stack that breaks its budget: synth must fail (exit non-zero) with the budget message.
 *   npx tsx examples/over-budget/main.ts
 */
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { BudgetBasis, CostBudget, GpuInstanceType, GpuNodeGroup } from '../../src/index.js';

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
const stack = new TerraformStack(app, 'over-budget');
new AwsProvider(stack, 'aws', { region: 'us-east-1' });

// Up to 4 x p5.48xlarge (32 H100) on-demand: 4 x 55.04 x 730 = 160,716.80 USD/month worst case.
new GpuNodeGroup(stack, 'training', {
  clusterName: 'ml-prod',
  subnetIds: ['subnet-0a1b2c3d'],
  instanceTypes: [GpuInstanceType.P5_48XLARGE],
  scaling: { min: 0, desired: 1, max: 4 },
  costTags: { team: 'research', costCenter: 'cc-77', environment: 'prod' },
});
new CostBudget(stack, 'research-budget', { monthlyLimitUsd: 100_000, basis: BudgetBasis.WORST_CASE });

app.synth();
