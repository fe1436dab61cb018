import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue/index.js';
import {
  BudgetBasis, CapacityType, GpuCluster, GpuClusterError, GpuInstanceType, MigLayout,
} from '../../src/index.js';
import { buildGpuClusterApp } from '../../examples/gpu-cluster/app.js';
import { buildPlatformRepoApp } from '../../examples/platform-repo/app.js';
import { CUSTOM_KINDS, customResourceErrors, releaseObjects } from '../support/custom-resources.js';
import { errorOf } from '../support/errors.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'gpu-cluster-'));
const read = (outdir: string, stack: string, file: string) => readFileSync(join(outdir, 'stacks', stack, file), 'utf8');
const tf = (outdir: string, stack: string) => JSON.parse(read(outdir, stack, 'cdk.tf.json'));
const report = (outdir: string, stack: string) => JSON.parse(read(outdir, stack, 'cost-report.json'));
const tags = { team: 'ml-platform', costCenter: 'cc-42', environment: 'prod' };

/** AWS resource types that cost money by themselves and take tags. */
const COST_BEARING = ['aws_eks_cluster', 'aws_eks_node_group', 'aws_launch_template', 'aws_nat_gateway', 'aws_eip', 'aws_kms_key', 'aws_sqs_queue', 'aws_cloudwatch_log_group', 'aws_vpc', 'aws_subnet'];

describe('examples/gpu-cluster', () => {
  const outdir = tmp();
  let cluster: GpuCluster;
  beforeAll(() => {
    process.env.GPU_TCO_CONSOLE = 'off';
    const built = buildGpuClusterApp(outdir);
    cluster = built.cluster;
    built.app.synth();
  });

  test('writes two stacks: the cluster, and the add-ons that depend on it', () => {
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks).sort()).toEqual(['ml-addons', 'ml-cluster']);
    expect(manifest.stacks['ml-addons'].dependencies).toEqual(['ml/ml-cluster']);
    expect(cluster.stacks.map((s) => s.node.id)).toEqual(['ml-cluster', 'ml-addons']);
  });

  test('the cluster stack holds the AWS side, the add-ons stack the Helm releases', () => {
    const c = tf(outdir, 'ml-cluster');
    const a = tf(outdir, 'ml-addons');
    expect(Object.keys(c.resource.aws_eks_cluster)).toHaveLength(1);
    expect(Object.keys(c.resource.aws_nat_gateway)).toHaveLength(3);
    expect(Object.keys(c.resource.aws_eks_node_group)).toHaveLength(2); // system + inference
    expect(c.resource.helm_release).toBeUndefined();
    const releases = Object.values<any>(a.resource.helm_release).map((r) => r.chart);
    expect(releases).toEqual(expect.arrayContaining(['karpenter', 'karpenter-crd', 'gpu-operator']));
    expect(a.resource.aws_eks_cluster).toBeUndefined();
  });

  test('endpoint and CA cross the stacks as outputs; the Helm provider authenticates with aws eks get-token', () => {
    const c = tf(outdir, 'ml-cluster');
    const a = tf(outdir, 'ml-addons');
    const outputs = Object.values<any>(c.output).map((o) => o.value);
    expect(outputs).toEqual(expect.arrayContaining([expect.stringMatching(/^\$\{aws_eks_cluster\.[^.]+\.endpoint\}$/), expect.stringMatching(/^\$\{aws_eks_cluster\.[^.]+\.certificate_authority\[0\]\.data\}$/)]));
    const remote = Object.keys(a.data.terraform_remote_state);
    expect(remote).toHaveLength(1);
    const helm = a.provider.helm[0];
    expect(helm.kubernetes.host).toMatch(/^\$\{data\.terraform_remote_state\.[^.]+\.outputs\./);
    expect(helm.kubernetes.cluster_ca_certificate).toMatch(/^\$\{base64decode\(data\.terraform_remote_state\./);
    expect(helm.kubernetes.exec).toEqual({ api_version: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'ml', '--region', 'us-west-2', '--output', 'json'] });
    expect(JSON.stringify(a)).not.toMatch(/aws_eks_cluster_auth/);
  });

  test('every custom resource validates against its copied CRD', () => {
    const objects = releaseObjects(tf(outdir, 'ml-addons')).filter((o) => CUSTOM_KINDS.includes(o.kind));
    expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(['NodePool', 'EC2NodeClass', 'PrometheusRule']));
    for (const o of objects) expect([o.kind, o.metadata.name, customResourceErrors(o)]).toEqual([o.kind, o.metadata.name, []]);
  });

  test('every cost-bearing AWS resource carries the cost tags', () => {
    for (const stack of ['ml-cluster', 'ml-addons']) {
      const json = tf(outdir, stack);
      for (const type of COST_BEARING) {
        for (const [name, r] of Object.entries<any>(json.resource[type] ?? {})) {
          const t = { ...(r.tags ?? {}), ...(r.tag_specifications?.[0]?.tags ?? {}) };
          expect([stack, type, name, t.team && t['cost-center'] && t.environment ? 'tagged' : t]).toEqual([stack, type, name, 'tagged']);
        }
      }
    }
  });

  test('the cost reports hold the node groups, the spot pool, the control plane and the NAT gateways; the budget covers both stacks', () => {
    const c = report(outdir, 'ml-cluster');
    const a = report(outdir, 'ml-addons');
    const items = (r: any) => r.lines.map((l: any) => `${l.constructPath} | ${l.item}`);
    expect(items(c)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^ml\/ml-cluster\/inference \| 2-8 x g6e\.12xlarge on-demand/),
      expect.stringMatching(/^ml\/ml-cluster\/eks/),
      expect.stringMatching(/nat/i),
    ]));
    expect(c.lines.some((l: any) => /system/.test(l.constructPath) && l.category === 'compute')).toBe(true);
    expect(items(a)).toEqual(expect.arrayContaining([expect.stringMatching(/^ml\/ml-addons\/training \| /)]));
    const budget = a.budgets.find((b: any) => b.constructPath === 'ml/ml-addons/budget');
    expect(budget.stacks).toEqual(['ml-addons', 'ml-cluster']);
    expect(budget.projectedMonthlyUsd).toBeCloseTo(c.totals.worstCase.monthly + a.totals.worstCase.monthly, 1);
    expect(budget.projectedMonthlyUsd).toBeLessThan(500_000);
    expect(c.findings.filter((f: any) => f.level === 'error')).toEqual([]);
    expect(a.findings.filter((f: any) => f.level === 'error')).toEqual([]);
  });

  test('the MIG layout of the pool and the sharing of the node group reach the GPU Operator', () => {
    const a = tf(outdir, 'ml-addons');
    const configs = releaseObjects(a).filter((o) => o.kind === 'ConfigMap').map((o) => JSON.stringify(o.data));
    expect(configs.join('\n')).toMatch(/3g\.40gb/);
    expect(configs.join('\n')).toMatch(/replicas/);
  });

  test("every ServiceMonitor (DCGM exporter, Karpenter) and the PrometheusRule carry the release label Prometheus selects", () => {
    const a = tf(outdir, 'ml-addons');
    const values = (name: string) => parse(Object.values<any>(a.resource.helm_release).find((r) => r.name === name).values[0]);
    expect(values('karpenter').serviceMonitor).toMatchObject({ enabled: true, additionalLabels: { release: 'kube-prometheus-stack' } });
    expect(values('gpu-operator').dcgmExporter.serviceMonitor).toMatchObject({ enabled: true, additionalLabels: { release: 'kube-prometheus-stack' } });
    const rules = releaseObjects(a).filter((o) => o.kind === 'PrometheusRule');
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) expect(r.metadata.labels).toMatchObject({ release: 'kube-prometheus-stack' });
  });

  test("GPU and system node groups follow the control plane's version, so an upgrade rolls them after it", () => {
    const c = tf(outdir, 'ml-cluster');
    const groups = Object.values<any>(c.resource.aws_eks_node_group);
    expect(groups.length).toBeGreaterThan(1);
    for (const g of groups) expect(g.version).toMatch(/^\$\{aws_eks_cluster\.[\w-]+\.version\}$/);
  });

  test('GPU node groups wait for the CNI and pod identity add-ons', () => {
    const c = tf(outdir, 'ml-cluster');
    const inference = Object.values<any>(c.resource.aws_eks_node_group).find((g) => /inference/.test(JSON.stringify(g.labels ?? {})) || /inference/.test(g.node_group_name ?? ''));
    expect(inference.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_eks_addon\./)]));
    expect(inference.cluster_name).toMatch(/^\$\{aws_eks_cluster\./);
  });
});

describe("examples/gpu-cluster's endpoint access", () => {
  test('comes from $ADMIN_CIDRS at synth: private without it, those CIDRs with it', () => {
    const eks = (env: string | undefined) => {
      const previous = process.env.ADMIN_CIDRS;
      if (env === undefined) delete process.env.ADMIN_CIDRS;
      else process.env.ADMIN_CIDRS = env;
      try {
        const outdir = tmp();
        buildGpuClusterApp(outdir).app.synth();
        return Object.values<any>(tf(outdir, 'ml-cluster').resource.aws_eks_cluster)[0].vpc_config;
      } finally {
        if (previous === undefined) delete process.env.ADMIN_CIDRS;
        else process.env.ADMIN_CIDRS = previous;
      }
    };
    expect(eks(undefined)).toMatchObject({ endpoint_public_access: false });
    expect(eks(undefined).public_access_cidrs).toBeUndefined();
    expect(eks('198.51.100.7/32, 192.0.2.0/28')).toMatchObject({ endpoint_public_access: true, public_access_cidrs: ['198.51.100.7/32', '192.0.2.0/28'] });
  });
});

describe('examples/platform-repo (existing cluster)', () => {
  test('one stack reaching ml-prod by name: a spot pool, alerts and a team budget', () => {
    const outdir = tmp();
    const { app } = buildPlatformRepoApp(outdir);
    app.synth();
    const json = tf(outdir, 'ranking-gpu');
    expect(json.resource.aws_eks_cluster).toBeUndefined();
    expect(Object.values<any>(json.data.aws_eks_cluster)[0].name).toBe('ml-prod');
    expect(json.provider.helm[0].kubernetes.exec.args).toEqual(['eks', 'get-token', '--cluster-name', 'ml-prod', '--region', 'eu-central-1', '--output', 'json']);
    const pool = releaseObjects(json).find((o) => o.kind === 'NodePool')!;
    expect(pool.spec.limits['nvidia.com/gpu']).toBe(16);
    const r = report(outdir, 'ranking-gpu');
    expect(r.region).toBe('eu-central-1');
    expect(r.budgets[0]).toMatchObject({ constructPath: 'ranking-gpu/ranking-gpu/ranking-budget', scope: 'team=ranking' });
    expect(r.budgets[0].stacks).toBeUndefined();
  });

  test("an existing cluster's node groups follow its version, read by the data source the stack already has", () => {
    const app = new App({ outdir: tmp() });
    const cluster = GpuCluster.fromExisting(app, 'team-gpu', { clusterName: 'ml-prod', region: 'eu-central-1', costTags: tags, subnetIds: ['subnet-0a1b2c3d', 'subnet-0e4f5a6b'] });
    cluster.addNodeGroup('a', { instanceTypes: [GpuInstanceType.G6E_12XLARGE], scaling: { min: 0, desired: 0, max: 2 } });
    cluster.addNodeGroup('b', { instanceTypes: [GpuInstanceType.G6E_12XLARGE], scaling: { min: 0, desired: 0, max: 2 } });
    app.synth();
    const json = tf(app.outdir, 'team-gpu');
    const data = Object.keys(json.data.aws_eks_cluster);
    expect(data).toHaveLength(1);
    for (const g of Object.values<any>(json.resource.aws_eks_node_group)) expect(g.version).toBe(`\${data.aws_eks_cluster.${data[0]}.version}`);
  });

  test('inside a stack of the platform repo it uses that stack and its providers', () => {
    const app = new App({ outdir: tmp() });
    const stack = new TerraformStack(app, 'platform');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const cluster = GpuCluster.fromExisting(stack, 'gpu', { clusterName: 'ml-prod', region: 'us-east-1', costTags: tags, subnetIds: ['subnet-0a1b2c3d'] });
    expect(cluster.addonsStack).toBe(stack);
    const group = cluster.addNodeGroup('inference', { instanceTypes: [GpuInstanceType.G6E_XLARGE], scaling: { min: 0, desired: 1, max: 2 } });
    expect(group.node.scope).toBe(stack);
  });

  test("in a stack of yours, what the cluster creates carries its costTags (the stack's other resources do not)", () => {
    const app = new App({ outdir: tmp() });
    const stack = new TerraformStack(app, 'platform');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const other = new SqsQueue(stack, 'unrelated', { name: 'unrelated', sqsManagedSseEnabled: true });
    const cluster = GpuCluster.fromExisting(stack, 'gpu', { clusterName: 'ml-prod', region: 'us-east-1', costTags: tags, subnetIds: ['subnet-0a1b2c3d'] });
    cluster.addSpotPool('train', { instanceTypes: [GpuInstanceType.P5_48XLARGE], gpuLimit: 16 });
    cluster.addNodeGroup('inference', { instanceTypes: [GpuInstanceType.G6E_XLARGE], scaling: { min: 0, desired: 1, max: 2 } });
    app.synth();
    const json = tf(app.outdir, 'platform');
    const awsTags = { team: tags.team, 'cost-center': tags.costCenter, environment: tags.environment };
    expect(Object.values<any>(json.resource.aws_sqs_queue).find((q) => q.name !== 'unrelated').tags).toMatchObject(awsTags);
    expect(Object.values<any>(json.resource.aws_eks_node_group)[0].tags).toMatchObject(awsTags);
    expect(other.tagsInput).toBeUndefined();
    expect(Object.values<any>(json.resource.aws_sqs_queue).find((q) => q.name === 'unrelated').tags).toBeUndefined();
    const report = JSON.parse(readFileSync(join(app.outdir, 'stacks/platform/cost-report.json'), 'utf8'));
    expect(report.findings.filter((f: any) => f.ruleId === 'missing-cost-tags')).toEqual([]);
    expect(report.byTeam.map((t: any) => t.name)).toEqual([tags.team]);
  });

  test('a region that contradicts the provider of your stack is REGION_CONFLICT', () => {
    const app = new App({ outdir: tmp() });
    const stack = new TerraformStack(app, 'platform');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const e = errorOf(() => GpuCluster.fromExisting(stack, 'gpu', { clusterName: 'ml-prod', region: 'eu-west-1', costTags: tags }));
    expect(e.code).toBe('REGION_CONFLICT');
    expect(e.message).toContain('AwsProvider platform/aws (us-east-1)');
  });
});

describe('GpuCluster composition', () => {
  const newCluster = (props: Record<string, unknown> = {}) => {
    const app = new App({ outdir: tmp() });
    return { app, cluster: new GpuCluster(app, 'gpu', { region: 'us-east-1', costTags: tags, ...props }) };
  };

  test('user subnets: no VPC is created and each subnet gets the Karpenter discovery tag', () => {
    const { app, cluster } = newCluster({ subnets: [{ subnetId: 'subnet-0a1b2c3d', availabilityZone: 'us-east-1a' }, { subnetId: 'subnet-0e4f5a6b', availabilityZone: 'us-east-1b' }] });
    app.synth();
    const c = tf(app.outdir, 'gpu-cluster');
    expect(c.resource.aws_vpc).toBeUndefined();
    expect(Object.values<any>(c.resource.aws_ec2_tag).filter((t) => t.key === 'karpenter.sh/discovery').map((t) => t.resource_id)).toEqual(expect.arrayContaining(['subnet-0a1b2c3d', 'subnet-0e4f5a6b']));
    expect(cluster.vpc).toBeUndefined();
  });

  test('a spot pool defaults to spot with on-demand fallback, the pinned AMI and WhenEmpty consolidation', () => {
    const { app, cluster } = newCluster();
    const pool = cluster.addSpotPool('train', { instanceTypes: [GpuInstanceType.P5_48XLARGE], gpuLimit: 16 });
    expect(pool.capacityTypes).toEqual([CapacityType.SPOT, CapacityType.ON_DEMAND]);
    expect(pool.amiAlias).toBe('al2023@v20260714');
    app.synth();
    const np = releaseObjects(tf(app.outdir, 'gpu-addons')).find((o) => o.kind === 'NodePool')!;
    expect(np.spec.disruption).toMatchObject({ consolidationPolicy: 'WhenEmpty', consolidateAfter: '10m' });
  });

  test('the correction-2 pool: a MIG 3g.40gb layout narrows h100/a100 to types that offer it', () => {
    const { cluster } = newCluster();
    const pool = cluster.addSpotPool('train', { gpuNames: ['h100', 'a100'], gpuLimit: 64, migLayout: MigLayout.uniform('3g.40gb') });
    expect(pool.instanceSpecs.map((s) => s.name)).not.toContain('p4d.24xlarge');
    expect(pool.instanceSpecs.length).toBeGreaterThan(0);
  });

  test('the issue example with a 120,000 USD worst-case budget cannot synthesize', () => {
    const { app, cluster } = newCluster({ region: 'us-west-2', budget: { monthlyLimitUsd: 120_000, basis: BudgetBasis.WORST_CASE } });
    cluster.addNodeGroup('inference', { instanceTypes: [GpuInstanceType.G6E_12XLARGE], scaling: { min: 2, desired: 2, max: 8 } });
    cluster.addSpotPool('training', { gpuNames: ['h100', 'a100'], gpuLimit: 64, migLayout: MigLayout.uniform('3g.40gb') });
    expect(() => app.synth()).toThrow(/\[gpu\/gpu-addons\/budget\] GpuClusterError BUDGET_EXCEEDED: worst-case monthly cost [\d,.]+ USD is over the budget limit of 120,000\.00 USD/);
  });

  test.each<[string, () => unknown, RegExp]>([
    ['a pool named twice', () => { const { cluster } = newCluster(); cluster.addNodeGroup('gpu', { instanceTypes: ['g6e.xlarge'], scaling: { min: 0, desired: 0, max: 1 } }); cluster.addSpotPool('gpu', { instanceTypes: ['g6e.xlarge'], gpuLimit: 4 }); }, /DUPLICATE_NAME.*addNodeGroup\('gpu'\)/s],
    ['a spot pool without Karpenter', () => newCluster({ karpenter: false }).cluster.addSpotPool('p', { instanceTypes: ['g6e.xlarge'], gpuLimit: 4 }), /NO_KARPENTER/],
    ['one subnet', () => newCluster({ subnets: [{ subnetId: 'subnet-0a1b2c3d', availabilityZone: 'us-east-1a' }] }), /TOO_FEW_SUBNETS/],
    ['subnets in one AZ', () => newCluster({ subnets: [{ subnetId: 'subnet-0a1b2c3d', availabilityZone: 'us-east-1a' }, { subnetId: 'subnet-0e4f5a6b', availabilityZone: 'us-east-1a' }] }), /SINGLE_AZ/],
    ['subnets and a VPC', () => newCluster({ vpc: { natGateways: undefined }, subnets: [{ subnetId: 'subnet-0a1b2c3d', availabilityZone: 'us-east-1a' }, { subnetId: 'subnet-0e4f5a6b', availabilityZone: 'us-east-1b' }] }), /CONFLICTING_NETWORK/],
    ['a CIDR that does not parse', () => newCluster({ publicAccessCidrs: ['10.0.0.0/33'] }), /publicAccessCidrs/],
    ['a Kubernetes version out of support', () => newCluster({ kubernetesVersion: '1.23' }), /kubernetesVersion/],
    ['an empty existing cluster name', () => GpuCluster.fromExisting(new App({ outdir: tmp() }), 'x', { clusterName: '', region: 'us-east-1' }), /clusterName/],
    ['no region', () => new GpuCluster(new App({ outdir: tmp() }), 'x', {} as never), /region/],
    ['an add-on method called twice', () => { const { cluster } = newCluster(); cluster.addAlertRules(); cluster.addAlertRules(); }, /ALREADY_ADDED/],
    ['a node group on an imported cluster without subnets', () => GpuCluster.fromExisting(new App({ outdir: tmp() }), 'x', { clusterName: 'ml', region: 'us-east-1' }).addNodeGroup('g', { instanceTypes: ['g6e.xlarge'], scaling: { min: 0, desired: 0, max: 1 } }), /MISSING_SUBNETS/],
  ])('%s is a GpuClusterError', (_name, build, message) => {
    const e = errorOf(build);
    expect(e).toBeInstanceOf(GpuClusterError);
    expect(e.message).toMatch(message);
  });
});
