/**
 * The showcase: a new GPU cluster in us-west-2 built on GpuCluster — its own VPC and EKS cluster
 * in stack `ml-cluster`, the add-ons in stack `ml-addons`:
 * - an on-demand inference node group of g6e.12xlarge whose GPUs are time-sliced,
 * - a Karpenter training pool of H100/A100 GPUs, spot first with on-demand fallback, cut into
 *   MIG 3g.40gb slices, limited to 64 GPUs,
 * - the GPU Operator with the DCGM exporter, GPU alert rules, a Grafana dashboard,
 * - a Savings Plan the account holds and a budget over both stacks.
 * `main.ts` synthesizes it; tests build it in-process. The cluster runs kube-prometheus-stack as
 * release `kube-prometheus-stack` (whose Prometheus selects `release: kube-prometheus-stack`).
 */
import { App } from 'cdktf';
import {
  BudgetBasis, BudgetScope, CapacityType, CommitmentType, CostCommitment, GpuCluster, GpuInstanceType, GpuSharing, MigLayout,
} from '../../src/index.js';

/** The CIDRs of $ADMIN_CIDRS (comma-separated), read at synth. */
export function adminCidrs(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.ADMIN_CIDRS ?? '').split(',').map((c) => c.trim()).filter(Boolean);
}

/** Where the example runs; tests build it elsewhere too. */
export interface ExampleRegion {
  /** @default 'us-west-2' */
  readonly region?: string;
  /** The training pool's GPUs (each region sells its own). @default ['h100', 'a100'] */
  readonly trainingGpus?: string[];
}

/** Builds the example app into `outdir` (not synthesized). */
export function buildGpuClusterApp(outdir = 'cdktf.out', where: ExampleRegion = {}): { app: App; cluster: GpuCluster } {
  const app = new App({ outdir });
  const cluster = new GpuCluster(app, 'ml', {
    region: where.region ?? 'us-west-2',
    costTags: { team: 'ml-platform', costCenter: 'cc-42', environment: 'prod' },
    // The training pool as full as its limits allow at on-demand and 8 inference nodes: ~300,000 USD/month.
    budget: { monthlyLimitUsd: 500_000, basis: BudgetBasis.WORST_CASE },
    // Who may reach the API endpoint from outside the VPC (the deploying runner, admins), e.g.
    // ADMIN_CIDRS=<your egress IP>/32; unset, the endpoint is private and the add-ons stack must be
    // deployed from inside the VPC. Nodes and add-ons always use the private endpoint.
    publicAccessCidrs: adminCidrs(),
  });

  cluster.addNodeGroup('inference', {
    instanceTypes: [GpuInstanceType.G6E_12XLARGE],
    scaling: { min: 2, desired: 2, max: 8 },
    capacityType: CapacityType.ON_DEMAND,
    // Small inference models share a GPU: 4 replicas each, requested as nvidia.com/gpu.shared.
    sharing: GpuSharing.timeSlicing({ replicas: 4, renameByDefault: true, failRequestsGreaterThanOne: true }),
    costTags: { team: 'search', costCenter: 'cc-1234', environment: 'prod' },
  });

  cluster.addSpotPool('training', {
    gpuNames: where.trainingGpus ?? ['h100', 'a100'],
    gpuLimit: 64,
    expectedGpusInUse: 24,
    // p4d's A100 40GB has no 3g.40gb profile: the pool narrows to the types that do, with a warning.
    migLayout: MigLayout.uniform('3g.40gb'),
    costTags: { team: 'research', costCenter: 'cc-77', environment: 'prod' },
  });

  cluster.addAlertRules();
  cluster.addDashboard();
  cluster.addBudget('search-budget', { monthlyLimitUsd: 40_000, basis: BudgetBasis.EXPECTED, scope: BudgetScope.team('search') });

  // The account's EC2 Instance Savings Plan on g6e applies to the cluster stack's node groups.
  new CostCommitment(cluster.clusterStack!, 'g6e-savings-plan', {
    type: CommitmentType.EC2_INSTANCE_SAVINGS_PLAN,
    instanceFamily: 'g6e',
    hourlyCommitmentUsd: 10,
    discountPercent: 30,
    termYears: 1,
    costTags: { team: 'search', costCenter: 'cc-1234', environment: 'prod' },
  });
  return { app, cluster };
}
