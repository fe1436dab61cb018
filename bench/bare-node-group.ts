// The example's resources declared by hand with the bare provider bindings: the baseline the
// library's synth is compared with in `npm run bench`.
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition/index.js';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template/index.js';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group/index.js';

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
const stack = new TerraformStack(app, 'ml-gpu');
new AwsProvider(stack, 'aws', { region: 'us-west-2' });
const tags = { team: 'search', 'cost-center': 'cc-1234', environment: 'prod', project: 'gpu-platform' };
const partition = new DataAwsPartition(stack, 'partition');
const role = new IamRole(stack, 'role', {
  namePrefix: 'gpu-node-',
  assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
  tags: { project: 'gpu-platform' },
});
const attachments = ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryReadOnly'].map(
  (p) => new IamRolePolicyAttachment(stack, p, { role: role.name, policyArn: `arn:${partition.partition}:iam::aws:policy/${p}` }),
);
const lt = new LaunchTemplate(stack, 'lt', {
  namePrefix: 'inference-',
  updateDefaultVersion: true,
  metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
  blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 200, volumeType: 'gp3', iops: 3000, throughput: 125, encrypted: 'true', deleteOnTermination: 'true' } }],
  tagSpecifications: ['instance', 'volume', 'network-interface'].map((resourceType) => ({ resourceType, tags })),
  tags,
});
new EksNodeGroup(stack, 'ng', {
  clusterName: 'ml-prod',
  nodeGroupNamePrefix: 'inference-',
  nodeRoleArn: role.arn,
  subnetIds: ['subnet-0a1b2c3d', 'subnet-0e4f5a6b'],
  instanceTypes: ['g6e.12xlarge'],
  amiType: 'AL2023_x86_64_NVIDIA',
  capacityType: 'ON_DEMAND',
  scalingConfig: { minSize: 1, desiredSize: 2, maxSize: 6 },
  updateConfig: { maxUnavailable: 1 },
  nodeRepairConfig: { enabled: true },
  launchTemplate: { id: lt.id, version: lt.latestVersion.toString() },
  taint: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NO_SCHEDULE' }],
  labels: { 'cdktf-gpu-cluster/pool': 'inference', 'cdktf-gpu-cluster/gpu-name': 'l40s', 'cdktf-gpu-cluster/team': 'search' },
  tags,
  dependsOn: attachments,
  lifecycle: { createBeforeDestroy: true, ignoreChanges: ['scaling_config[0].desired_size'] },
});
app.synth();
