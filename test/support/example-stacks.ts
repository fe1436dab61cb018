/**
 * The stacks the Infracost tests price: `ml-gpu` is examples/gpu-cluster/main.ts (same ids, so the
 * same logical ids and addresses), `ml-pools` adds what Infracost cannot see: a spot node group, a
 * Karpenter GPU pool with its interruption queue.
 */
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider/index.js';
import { CapacityType } from '../../src/compute/capacity-type.js';
import { GpuNodeGroup } from '../../src/compute/gpu-node-group.js';
import { GpuInstanceType } from '../../src/catalog/gpu-instance-type.js';
import { CostTags } from '../../src/core/cost-tags.js';
import { Karpenter } from '../../src/karpenter/karpenter.js';
import { GpuNodePool } from '../../src/karpenter/gpu-node-pool.js';
import { BudgetBasis, CostBudget } from '../../src/policy/cost-budget.js';

export interface ExampleOptions {
  /** An EXPECTED budget on ml-gpu, USD/month. */
  readonly budgetUsd?: number;
  /** Also build the ml-pools stack. */
  readonly pools?: boolean;
  /** Desired nodes of ml-gpu/inference. @default 2 */
  readonly desired?: number;
}

export function exampleApp(outdir: string, options: ExampleOptions = {}): App {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'ml-gpu');
  new AwsProvider(stack, 'aws', { region: 'us-west-2' });
  CostTags.of(stack).addAll({ project: 'gpu-platform' });
  new GpuNodeGroup(stack, 'inference', {
    clusterName: 'ml-prod',
    subnetIds: ['subnet-0a1b2c3d', 'subnet-0e4f5a6b'],
    instanceTypes: [GpuInstanceType.G6E_12XLARGE],
    scaling: { min: 1, desired: options.desired ?? 2, max: 6 },
    capacityType: CapacityType.ON_DEMAND,
    costTags: { team: 'search', costCenter: 'cc-1234', environment: 'prod' },
  });
  if (options.budgetUsd !== undefined) new CostBudget(stack, 'budget', { monthlyLimitUsd: options.budgetUsd, basis: BudgetBasis.EXPECTED });

  if (options.pools) {
    const pools = new TerraformStack(app, 'ml-pools');
    new AwsProvider(pools, 'aws', { region: 'us-east-1' });
    new HelmProvider(pools, 'helm', {});
    const research = { team: 'research', costCenter: 'cc-5678', environment: 'prod' };
    new GpuNodeGroup(pools, 'batch', {
      clusterName: 'ml-prod',
      subnetIds: ['subnet-0a1b2c3d'],
      instanceTypes: [GpuInstanceType.G6E_12XLARGE],
      scaling: { min: 0, desired: 1, max: 4 },
      capacityType: CapacityType.SPOT,
      costTags: research,
    });
    const karpenter = new Karpenter(pools, 'karpenter', { clusterName: 'ml-prod', costTags: research });
    new GpuNodePool(pools, 'l40s', { karpenter, gpuNames: ['l40s'], gpuLimit: 16, amiAlias: 'al2023@v20260714', disruption: { consolidateAfter: '10m' }, costTags: research });
  }
  return app;
}
