/**
 * The bootstrap of StateBackend.s3: a StateBucket in a stack of its own, safe by default, and the
 * rules that hold any state bucket to it.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateBucket } from '../../src/index.js';
import { buildStateBootstrapApp } from '../../examples/state-bootstrap/app.js';
import { errorOf } from '../support/errors.js';
import { newStack, synthJson } from '../support/synth.js';
import { bundledFixedPrice } from '../support/prices.js';

describe('examples/state-bootstrap', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'state-bootstrap-'));
  buildStateBootstrapApp(outdir).app.synth();
  const read = (file: string) => JSON.parse(readFileSync(join(outdir, 'stacks', 'tf-state', file), 'utf8'));
  const json = read('cdk.tf.json');
  const one = (type: string) => Object.values<any>(json.resource[type])[0];

  test('versioned, SSE-KMS with a rotating key, public access blocked, TLS only, ACLs off, noncurrent versions expire', () => {
    expect(one('aws_s3_bucket')).toMatchObject({ bucket: 'acme-gpu-tf-state', lifecycle: { prevent_destroy: true } });
    expect(one('aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(one('aws_kms_key')).toMatchObject({ enable_key_rotation: true });
    expect(one('aws_s3_bucket_server_side_encryption_configuration').rule[0]).toMatchObject({ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' }, bucket_key_enabled: true });
    expect(one('aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    const policy = JSON.parse(one('aws_s3_bucket_policy').policy);
    expect(policy.Statement[0]).toMatchObject({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(one('aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(one('aws_s3_bucket_lifecycle_configuration').rule[0]).toMatchObject({ status: 'Enabled', noncurrent_version_expiration: [{ noncurrent_days: 90 }] });
  });

  test('cost tags on the bucket and key; the key priced, S3 named as unpriced', () => {
    expect(one('aws_s3_bucket').tags).toMatchObject({ team: 'ml-platform', 'cost-center': 'cc-42', environment: 'prod', 'cdktf-gpu-cluster:purpose': 'terraform-state' });
    const [line] = read('cost-report.json').lines;
    const kms = bundledFixedPrice('kms-key');
    expect(line.monthlyUsd.expected).toBeCloseTo(kms, 2);
    expect(line.assumptions.join('\n')).toMatch(/S3 storage and requests of acme-gpu-tf-state are not priced/);
  });

  test('zero security findings (its own local state is exempt: it cannot live in the bucket it creates)', () => {
    expect(read('policy-report.json').findings).toEqual([]);
  });
});

describe('the state-bucket rule', () => {
  test.each(['versioning', 'encryption', 'policy'])('a state bucket without its %s resource fails synth naming what is missing', (child) => {
    const { stack } = newStack('us-west-2');
    const bucket = new StateBucket(stack, 'state', { bucketName: 'acme-gpu-tf-state', costTags: { team: 'a', costCenter: 'b', environment: 'dev' } });
    bucket.node.tryRemoveChild(child);
    const message = { versioning: /is not versioned/, encryption: /has no encryption configuration/, policy: /accepts plain HTTP/ }[child]!;
    expect(() => synthJson(stack)).toThrow(message);
  });

  test('bad props are refused with GpuClusterError naming the prop', () => {
    const { stack } = newStack();
    expect(errorOf(() => new StateBucket(stack, 'a', { bucketName: 'Acme_State' })).message).toContain('bucketName:');
    expect(errorOf(() => new StateBucket(stack, 'b', { bucketName: 'acme-state', noncurrentVersionDays: 0 })).message).toContain('noncurrentVersionDays:');
  });
});
