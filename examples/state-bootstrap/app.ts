/**
 * The state bucket of `StateBackend.s3`, in a stack of its own: create it once, before the
 * clusters that keep their state in it. Its own state stays local (beside the app): it holds
 * only the bucket.
 */
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { CostTags, StateBucket } from '../../src/index.js';

/** Builds the bootstrap app into `outdir` (not synthesized). */
export function buildStateBootstrapApp(outdir = 'cdktf.out'): { app: App; stack: TerraformStack; bucket: StateBucket } {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'tf-state');
  new AwsProvider(stack, 'aws', { region: 'us-west-2' });
  // Relative to cdktf.out/stacks/tf-state: the state file lands beside the app, no machine path.
  new LocalBackend(stack, { path: '../../../terraform.tf-state.tfstate' });
  CostTags.of(stack).addAll({ team: 'ml-platform', costCenter: 'cc-42', environment: 'prod' });
  const bucket = new StateBucket(stack, 'state', { bucketName: 'acme-gpu-tf-state' });
  return { app, stack, bucket };
}
