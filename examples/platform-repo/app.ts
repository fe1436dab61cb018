/**
 * A platform repo on a cluster that exists (`ml-prod`, run by the platform team, with Karpenter's
 * discovery tags on its subnets and security group): the ranking team adds a spot GPU pool with a
 * GPU limit, the alert rules and its own team budget. One stack, `ranking-gpu`.
 */
import { App } from 'cdktf';
import { BudgetBasis, BudgetScope, GpuCluster } from '../../src/index.js';

/** Builds the platform-repo app into `outdir` (not synthesized). */
export function buildPlatformRepoApp(outdir = 'cdktf.out'): { app: App; cluster: GpuCluster } {
  const app = new App({ outdir });
  const cluster = GpuCluster.fromExisting(app, 'ranking-gpu', {
    clusterName: 'ml-prod',
    region: 'eu-central-1',
    costTags: { team: 'ranking', costCenter: 'cc-3141', environment: 'prod' },
  });

  cluster.addSpotPool('ranking-training', {
    gpuNames: ['l40s', 'a10g'],
    gpuLimit: 16,
    expectedGpusInUse: 6,
    disruption: { consolidateAfter: '30m' },
  });
  cluster.addAlertRules();
  // Worst case: the 16-GPU limit filled with the dearest GPU per hour allowed (g6e.16xlarge) on-demand.
  cluster.addBudget('ranking-budget', { monthlyLimitUsd: 150_000, basis: BudgetBasis.WORST_CASE, scope: BudgetScope.team('ranking') });
  return { app, cluster };
}
