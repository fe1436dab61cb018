/** Cluster names: one per region in an app, ids that clash, names up to EKS's 100 characters. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { GpuCluster, GpuClusterError } from '../../src/index.js';
import { errorOf } from '../support/errors.js';

process.env.GPU_TCO_CONSOLE = 'off';
const costTags = { team: 'ml-platform', costCenter: 'cc-42', environment: 'dev' };
const app = () => new App({ outdir: mkdtempSync(join(tmpdir(), 'names-')) });

test('two clusters of one name in one region are DUPLICATE_CLUSTER_NAME; another region may reuse it', () => {
  const a = app();
  new GpuCluster(a, 'ml', { region: 'us-east-1', costTags, clusterName: 'ml-prod' });
  const e = errorOf(() => new GpuCluster(a, 'ml2', { region: 'us-east-1', costTags, clusterName: 'ml-prod' }));
  expect(e.code).toBe('DUPLICATE_CLUSTER_NAME');
  expect(e.message).toContain('is the name of ml too, in the same region (us-east-1)');
  expect(() => new GpuCluster(a, 'ml3', { region: 'eu-west-1', costTags, clusterName: 'ml-prod' })).not.toThrow();
  const existing = errorOf(() => GpuCluster.fromExisting(a, 'ml4', { region: 'eu-west-1', costTags, clusterName: 'ml-prod' }));
  expect(existing.code).toBe('DUPLICATE_CLUSTER_NAME');
});

test('a GpuCluster id used twice in one scope is a GpuClusterError, not constructs\' Error', () => {
  const a = app();
  new GpuCluster(a, 'ml', { region: 'us-east-1', costTags });
  const e = errorOf(() => new GpuCluster(a, 'ml', { region: 'us-west-2', costTags, clusterName: 'other' }));
  expect(e).toBeInstanceOf(GpuClusterError);
  expect(e.code).toBe('DUPLICATE_CONSTRUCT_ID');
  expect(e.message).toContain('id: is taken');
});

test("a 100-character cluster name synthesizes; the interruption queue's name is cut to SQS's 80 with a stable hash", () => {
  const name = `ml-${'x'.repeat(96)}z`;
  expect(name).toHaveLength(100);
  const queueOf = () => {
    const a = app();
    new GpuCluster(a, 'ml', { region: 'us-east-1', costTags, clusterName: name });
    a.synth();
    const tf = JSON.parse(readFileSync(join(a.outdir, 'stacks/ml-addons/cdk.tf.json'), 'utf8'));
    return Object.values<any>(tf.resource.aws_sqs_queue)[0].name as string;
  };
  const queue = queueOf();
  expect(queue).toHaveLength(80);
  expect(queue).toMatch(new RegExp(`^${name.slice(0, 71)}-[0-9a-f]{8}$`));
  expect(queueOf()).toBe(queue);
  // Another long name with the same first 71 characters gets another queue.
  const a = app();
  new GpuCluster(a, 'ml', { region: 'us-east-1', costTags, clusterName: `${name.slice(0, 99)}y` });
  a.synth();
  const other = Object.values<any>(JSON.parse(readFileSync(join(a.outdir, 'stacks/ml-addons/cdk.tf.json'), 'utf8')).resource.aws_sqs_queue)[0].name;
  expect(other).not.toBe(queue);
});
