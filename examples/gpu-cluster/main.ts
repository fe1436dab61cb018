/**
 * The showcase stack: a GPU node group on an existing EKS cluster, with cost tags.
 * `npm run synth` writes it to cdktf.out; `cdktf synth` runs it through cdktf.json.
 */
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { CapacityType, CostTags, GpuInstanceType, GpuNodeGroup } from '../../src/index.js';

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
const stack = new TerraformStack(app, 'ml-gpu');
new AwsProvider(stack, 'aws', { region: 'us-west-2' });
CostTags.of(stack).addAll({ project: 'gpu-platform' });

new GpuNodeGroup(stack, 'inference', {
  clusterName: 'ml-prod',
  subnetIds: ['subnet-0a1b2c3d', 'subnet-0e4f5a6b'],
  instanceTypes: [GpuInstanceType.G6E_12XLARGE],
  scaling: { min: 1, desired: 2, max: 6 },
  capacityType: CapacityType.ON_DEMAND,
  costTags: { team: 'search', costCenter: 'cc-1234', environment: 'prod' },
});

app.synth();
