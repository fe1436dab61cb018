/**
 * The showcase: GPU capacity on an existing EKS cluster (`ml-prod`) in us-west-2 — an on-demand
 * inference node group whose GPUs are time-sliced, the Karpenter controller with its interruption
 * queue, a spot-first training pool, the GPU Operator with the DCGM exporter, GPU alert rules and
 * a Grafana dashboard, a Savings Plan the account holds and a budget. `main.ts` synthesizes it;
 * tests build it in-process. The cluster runs kube-prometheus-stack as release
 * `kube-prometheus-stack` (whose Prometheus selects `release: kube-prometheus-stack`).
 */
import { App, Fn, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster/index.js';
import { DataAwsEksClusterAuth } from '@cdktf/provider-aws/lib/data-aws-eks-cluster-auth/index.js';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider/index.js';
import {
  AmiType, BudgetBasis, CapacityType, CommitmentType, CostBudget, CostCommitment, CostTags, DcgmExporter, GpuAlertRules, GpuDashboard,
  GpuInstanceType, GpuNodeGroup, GpuNodePool, GpuOperator, GpuSharing, Karpenter,
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
    amiType: AmiType.AL2023_X86_64_NVIDIA,
    // Small inference models share a GPU: 4 replicas each, requested as nvidia.com/gpu.shared.
    sharing: GpuSharing.timeSlicing({ replicas: 4, renameByDefault: true, failRequestsGreaterThanOne: true }),
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

  // The AL2023 NVIDIA AMI ships the driver and toolkit: the operator brings the device plugin,
  // the MIG manager, GPU feature discovery and the DCGM exporter.
  new GpuOperator(stack, 'gpu-operator', { amiType: AmiType.AL2023_X86_64_NVIDIA });
  new DcgmExporter(stack, 'dcgm', { serviceMonitor: { labels: { release: 'kube-prometheus-stack' } } });
  new GpuAlertRules(stack, 'gpu-alerts');
  new GpuDashboard(stack, 'gpu-dashboard');

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
