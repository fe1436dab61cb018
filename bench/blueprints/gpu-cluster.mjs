/**
 * The comparison side of `npm run bench`: the GPU cluster of examples/gpu-cluster built with
 * cdk-eks-blueprints 1.19.0 (aws-cdk-lib 2.261.0) — a new VPC over three AZs, an EKS cluster with
 * a managed node group of g6e.12xlarge on the NVIDIA AL2023 AMI, the GPU Operator add-on and
 * Karpenter v1 with a GPU NodePool (g6e family, nvidia.com/gpu limit) and its interruption queue.
 *
 * Offline: a fixed account and region, and the AZ list that `cdk synth` would otherwise look up
 * (and cache in cdk.context.json) given as context, so nothing calls AWS. Writes the cloud
 * assembly to $CDKTF_OUTDIR (or a temp dir) and prints what it wrote, so the bench can check that
 * real templates came out. Plain JavaScript: the root tsconfig covers bench/, and this package's
 * node_modules only exists after `npm ci --prefix bench/blueprints`.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import blueprints from '@aws-quickstart/eks-blueprints';
import cdk from 'aws-cdk-lib';
import ec2 from 'aws-cdk-lib/aws-ec2';
import eks from 'aws-cdk-lib/aws-eks';

const account = '123456789012';
const region = 'us-west-2';
const outdir = process.env.CDKTF_OUTDIR ?? mkdtempSync(join(tmpdir(), 'blueprints-bench-'));

const app = new cdk.App({
  outdir,
  context: { [`availability-zones:account=${account}:region=${region}`]: ['us-west-2a', 'us-west-2b', 'us-west-2c'] },
});

const clusterProvider = new blueprints.MngClusterProvider({
  version: eks.KubernetesVersion.V1_33,
  id: 'inference',
  instanceTypes: [new ec2.InstanceType('g6e.12xlarge')],
  amiType: eks.NodegroupAmiType.AL2023_X86_64_NVIDIA,
  nodeGroupCapacityType: eks.CapacityType.ON_DEMAND,
  minSize: 1,
  desiredSize: 2,
  maxSize: 6,
  nodeGroupTags: { team: 'search', 'cost-center': 'cc-1234', environment: 'prod' },
});

const karpenter = new blueprints.addons.KarpenterV1AddOn({
  interruptionHandling: true,
  podIdentity: true,
  nodePoolSpec: {
    labels: { 'nvidia.com/gpu.present': 'true' },
    taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
    requirements: [
      { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['g6e'] },
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot', 'on-demand'] },
      { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
    ],
    limits: { 'nvidia.com/gpu': 16 },
    disruption: { consolidationPolicy: 'WhenEmpty', consolidateAfter: '30m' },
  },
  ec2NodeClassSpec: {
    amiFamily: 'AL2023',
    amiSelectorTerms: [{ alias: 'al2023@v20260714' }],
    subnetSelectorTerms: [{ tags: { Name: 'ml-gpu/ml-gpu-vpc/PrivateSubnet*' } }],
    securityGroupSelectorTerms: [{ tags: { 'aws:eks:cluster-name': 'ml-gpu' } }],
  },
});

// Core add-ons pinned to blueprints' own defaults for 1.33: left at "auto", they ask the EKS API.
const coreAddOns = [
  new blueprints.addons.VpcCniAddOn({ version: 'v1.20.4-eksbuild.2' }),
  new blueprints.addons.CoreDnsAddOn('v1.12.1-eksbuild.2'),
  new blueprints.addons.KubeProxyAddOn('v1.33.3-eksbuild.4'),
  new blueprints.addons.EksPodIdentityAgentAddOn('v1.3.10-eksbuild.2'),
];

// The AL2023 NVIDIA AMI ships the driver and toolkit, as in our example.
const gpuOperator = new blueprints.addons.GpuOperatorAddon({
  values: { driver: { enabled: false }, toolkit: { enabled: false } },
});

await blueprints.EksBlueprint.builder()
  .account(account)
  .region(region)
  .resourceProvider(blueprints.GlobalResources.Vpc, new blueprints.VpcProvider())
  .clusterProvider(clusterProvider)
  .addOns(...coreAddOns, karpenter, gpuOperator)
  .buildAsync(app, 'ml-gpu');

const assembly = app.synth();

// What came out: resources per template (nested stacks included), so the bench measures real work.
let resources = 0;
const templates = readdirSync(assembly.directory).filter((f) => f.endsWith('.template.json'));
for (const f of templates) resources += Object.keys(JSON.parse(readFileSync(join(assembly.directory, f), 'utf8')).Resources ?? {}).length;
const missing = assembly.manifest.missing ?? [];
if (missing.length > 0) throw new Error(`synth needed context lookups: ${missing.map((m) => m.key).join(', ')}`);
console.log(JSON.stringify({ stacks: assembly.stacks.length, templates: templates.length, resources }));
