/**
 * The showcase: GPU capacity on an existing EKS cluster (`ml-prod`) in us-west-2 — an on-demand
 * inference node group, the Karpenter controller with its interruption queue, a spot-first
 * training pool, a Savings Plan the account holds and a budget. `main.ts` synthesizes it; tests
 * build it in-process.
 */
import { App, Fn, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster/index.js';
import { DataAwsEksClusterAuth } from '@cdktf/provider-aws/lib/data-aws-eks-cluster-auth/index.js';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider/index.js';
import {
  BudgetBasis, CapacityType, CommitmentType, CostBudget, CostCommitment, CostTags, GpuInstanceType, GpuNodeGroup, GpuNodePool, Karpenter,
} from '../../src/index.js';

export const CLUSTER_NAME = 'ml-prod';

/** Builds the example app into `outdir` (not synthesized). */
export function buildGpuClusterApp(outdir = 'cdktf.out'): { app: App; stack: TerraformStack } {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'ml-gpu');
  new AwsProvider(stack, 'aws', { region: 'us-west-2' });
  CostTags.of(stack).addAll({ project: 'gpu-platform' });

  // The cluster exists: the Helm provider reaches it through its endpoint and a short-lived token.
  const cluster = new DataAwsEksCluster(stack, 'cluster', { name: CLUSTER_NAME });
  const auth = new DataAwsEksClusterAuth(stack, 'cluster-auth', { name: CLUSTER_NAME });
  new HelmProvider(stack, 'helm', {
    kubernetes: { host: cluster.endpoint, clusterCaCertificate: Fn.base64decode(cluster.certificateAuthority.get(0).data), token: auth.token },
  });

  const search = { team: 'search', costCenter: 'cc-1234', environment: 'prod' };
  new GpuNodeGroup(stack, 'inference', {
    clusterName: CLUSTER_NAME,
    subnetIds: ['subnet-0a1b2c3d', 'subnet-0e4f5a6b'],
    instanceTypes: [GpuInstanceType.G6E_12XLARGE],
    scaling: { min: 1, desired: 2, max: 6 },
    capacityType: CapacityType.ON_DEMAND,
    costTags: search,
  });

  const platform = { team: 'ml-platform', costCenter: 'cc-1234', environment: 'prod' };
  const karpenter = new Karpenter(stack, 'karpenter', { clusterName: CLUSTER_NAME, costTags: platform });
  new GpuNodePool(stack, 'training', {
    karpenter,
    gpuNames: ['l40s', 'a10g'],
    gpuLimit: 16,
    expectedGpusInUse: 6,
    amiAlias: 'al2023@v20251117',
    disruption: { consolidateAfter: '30m' },
    costTags: { team: 'ranking', costCenter: 'cc-1234', environment: 'prod' },
  });

  new CostCommitment(stack, 'g6e-savings-plan', {
    type: CommitmentType.EC2_INSTANCE_SAVINGS_PLAN,
    instanceFamily: 'g6e',
    hourlyCommitmentUsd: 10,
    discountPercent: 30,
    termYears: 1,
    costTags: search,
  });
  new CostBudget(stack, 'gpu-budget', { monthlyLimitUsd: 150_000, basis: BudgetBasis.WORST_CASE });
  return { app, stack };
}
