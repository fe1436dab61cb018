import {
  DataAwsPartition,
  KmsKey,
  S3Bucket,
  S3BucketLifecycleConfiguration,
  S3BucketOwnershipControls,
  S3BucketPolicy,
  S3BucketPublicAccessBlock,
  S3BucketServerSideEncryptionConfigurationA,
  S3BucketVersioningA,
} from '../core/providers.js';
import { Construct, Lazy } from '../core/cdktf.js';
import { PropChecker } from '../core/validate.js';
import { CostTags, costTagsToAwsTags } from '../core/cost-tags.js';
import type { CostTagSet } from '../core/cost-tags.js';
import { declareCostProfile } from '../core/cost-registry.js';
import type { FixedCostProfile } from '../cost/cost-profile.js';
import { STATE_BUCKET_TAG } from '../policy/rules/security/state-bucket.js';

export { STATE_BUCKET_TAG };

/** Props of a StateBucket. */
export interface StateBucketProps {
  /** Bucket name (globally unique). */
  readonly bucketName: string;
  /**
   * Days a replaced or deleted state version is kept before it expires.
   * @default 90
   */
  readonly noncurrentVersionDays?: number;
  /**
   * Cost-allocation tags of the bucket and its key.
   * @default - the tags of `CostTags.of(scope)`
   */
  readonly costTags?: CostTagSet;
}

/** An S3 bucket name AWS accepts (general purpose buckets; no IP form, reserved prefixes or suffixes). */
export const BUCKET = /^(?!xn--)(?!sthree-)(?!.*\.\.)(?!.*-s3alias$)(?!.*--ol-s3$)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * The S3 bucket `StateBackend.s3` keeps state in, made in a stack of its own (with local state):
 * versioned, encrypted with a customer managed KMS key that rotates, public access blocked, plain
 * HTTP denied by its policy, ACLs disabled, and noncurrent versions expired after
 * `noncurrentVersionDays`. Its KMS key is priced in the cost report; S3 storage and requests are
 * named as unpriced (the library bundles no S3 prices).
 */
export class StateBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly kmsKey: KmsKey;
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const check = new PropChecker(this.node.path);
    if (props === null || typeof props !== 'object') check.fail('MISSING_PROPS', 'props', props, 'are required', '{ bucketName }');
    this.bucketName = check.string('bucketName', props.bucketName, { pattern: BUCKET, allowed: 'an S3 bucket name: 3-63 lower-case letters, digits, . and -, starting and ending with a letter or digit' });
    const days = check.integer('noncurrentVersionDays', props.noncurrentVersionDays ?? 90, { min: 1, max: 3650 });
    const own = props.costTags === undefined ? {} : costTagsToAwsTags(props.costTags, check);
    const tags = Lazy.anyValue({ produce: () => ({ ...CostTags.resolve(this), ...own, [STATE_BUCKET_TAG.key]: STATE_BUCKET_TAG.value }) }) as unknown as Record<string, string>;

    this.kmsKey = new KmsKey(this, 'kms-key', { description: `Terraform state in ${this.bucketName}`, enableKeyRotation: true, deletionWindowInDays: 30, tags });
    this.bucket = new S3Bucket(this, 'bucket', { bucket: this.bucketName, tags, lifecycle: { preventDestroy: true } });
    new S3BucketOwnershipControls(this, 'ownership', { bucket: this.bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketVersioningA(this, 'versioning', { bucket: this.bucket.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.kmsKey.arn }, bucketKeyEnabled: true }],
    });
    new S3BucketPublicAccessBlock(this, 'public-access', { bucket: this.bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    const partition = new DataAwsPartition(this, 'partition');
    new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [`arn:${partition.partition}:s3:::${this.bucketName}`, `arn:${partition.partition}:s3:::${this.bucketName}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        { id: 'expire-noncurrent-state', status: 'Enabled', filter: [{ prefix: '' }], noncurrentVersionExpiration: [{ noncurrentDays: days }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }] },
      ],
    });

    declareCostProfile(this.kmsKey, (): FixedCostProfile => ({
      kind: 'fixed',
      constructPath: this.kmsKey.node.path,
      item: 'kms-key',
      quantity: 1,
      rotationPeriodDays: 365, // enableKeyRotation without a period: every 365 days
      description: `KMS key of the state bucket ${this.bucketName}`,
      tags: { ...CostTags.resolve(this), ...own },
      assumptions: [`S3 storage and requests of ${this.bucketName} are not priced: their usage (state size, plan and apply runs) is not known at synth; a few MB of state costs cents a month`],
    }));
  }
}
