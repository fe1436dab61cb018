import { join, posix, relative, resolve, sep } from 'node:path';
import { addSynthCheck } from '../core/synth-checks.js';
import { App, LocalBackend, S3Backend, TerraformBackend, TerraformStack } from '../core/cdktf.js';
import { PropChecker } from '../core/validate.js';
import { BUCKET } from './state-bucket.js';
import { GpuClusterError } from '../base/errors.js';

/** Options of StateBackend.s3. */
export interface S3StateOptions {
  /** The bucket (create it with StateBucket, in a stack of its own). */
  readonly bucket: string;
  /**
   * Each stack's state is `<keyPrefix>/<stack>.tfstate`.
   * @default - the GpuCluster's id
   */
  readonly keyPrefix?: string;
  /**
   * The bucket's region.
   * @default - the cluster's region
   */
  readonly region?: string;
  /**
   * KMS key for the state objects.
   * @default - the bucket's default encryption
   */
  readonly kmsKeyId?: string;
  /**
   * Terraform's own S3 lock file (Terraform 1.11 or later).
   * @default true
   */
  readonly useLockfile?: boolean;
  /**
   * A DynamoDB table for the legacy lock, only where an older Terraform shares the state.
   * @default - none
   */
  readonly dynamodbTable?: string;
}

/** Options of StateBackend.local. */
export interface LocalStateOptions {
  /**
   * Where the state files go, relative to the directory synth runs in.
   * @default '.' (the app's directory, beside cdktf.out)
   */
  readonly directory?: string;
}

/** Where a GpuCluster's stacks keep their Terraform state. */
export class StateBackend {
  /** An S3 backend with one key per stack, encrypted, with Terraform's S3 lock file. */
  static s3(options: S3StateOptions): StateBackend {
    return new StateBackend('s3', options);
  }

  /** Local state files beside the app (the default), written as paths relative to each stack's directory. */
  static local(options: LocalStateOptions = {}): StateBackend {
    return new StateBackend('local', options);
  }

  /** The stacks' backends are configured by the user (an HCP Terraform `cloud` block, their own S3Backend). */
  static existing(): StateBackend {
    return new StateBackend('existing', {});
  }

  private constructor(
    readonly kind: 's3' | 'local' | 'existing',
    readonly options: object,
  ) {}
}

const KEY_PREFIX = /^(?!\/)[A-Za-z0-9!_.*'()/-]+(?<!\/)$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d+$/;

/** Configures the state backend of a GpuCluster's stacks (`id` names the cluster). */
export function applyStateBackend(stacks: readonly TerraformStack[], given: unknown, ctx: { id: string; region: string; check: PropChecker }): StateBackend {
  const { check } = ctx;
  if (given !== undefined && !(given instanceof StateBackend)) {
    check.fail('INVALID_STATE_BACKEND', 'state', given, 'is not a StateBackend', 'StateBackend.s3({ bucket }), StateBackend.local() or StateBackend.existing()', 'use one of the StateBackend statics');
  }
  const backend = (given as StateBackend | undefined) ?? StateBackend.local();
  if (backend.kind === 's3') {
    const o = backend.options as unknown as S3StateOptions;
    const bucket = check.string('state.bucket', o.bucket, { pattern: BUCKET, allowed: 'an S3 bucket name: 3-63 lower-case letters, digits, . and -, starting and ending with a letter or digit', fix: 'pass the name of the state bucket (see StateBucket)' });
    const keyPrefix = check.string('state.keyPrefix', o.keyPrefix ?? ctx.id, { pattern: KEY_PREFIX, allowed: 'an S3 key prefix without a leading or trailing slash, e.g. gpu/prod' });
    const region = check.string('state.region', o.region ?? ctx.region, { pattern: REGION, allowed: 'an AWS region code such as us-west-2' });
    const useLockfile = o.useLockfile ?? true;
    if (typeof useLockfile !== 'boolean') check.fail('INVALID_BOOLEAN', 'state.useLockfile', useLockfile, 'must be true or false', 'true or false');
    for (const stack of stacks) {
      new S3Backend(stack, {
        bucket,
        key: `${keyPrefix}/${stack.node.id}.tfstate`,
        region,
        encrypt: true,
        ...(o.kmsKeyId !== undefined ? { kmsKeyId: check.string('state.kmsKeyId', o.kmsKeyId, { allowed: 'a KMS key ID or ARN' }) } : {}),
        ...(o.dynamodbTable !== undefined ? { dynamodbTable: check.string('state.dynamodbTable', o.dynamodbTable, { pattern: /^[A-Za-z0-9_.-]{3,255}$/, allowed: 'a DynamoDB table name' }) } : {}),
      });
      if (useLockfile) {
        // cdktf 0.21's S3Backend has no use_lockfile (GA in Terraform 1.11).
        stack.addOverride('terraform.backend.s3.use_lockfile', true);
        stack.addOverride('terraform.required_version', '>= 1.11');
      }
    }
  } else if (backend.kind === 'local') {
    const directory = check.string('state.directory', (backend.options as LocalStateOptions).directory ?? '.', { pattern: /^[^\0]+$/, allowed: 'a directory relative to where synth runs' });
    for (const stack of stacks) {
      // Terraform resolves a relative path from cdktf.out/stacks/<stack>: a path from there to the
      // state beside the app holds no path of this machine (and the remote state reads the same).
      const stackDir = join(resolve(App.of(stack).outdir), 'stacks', stack.node.id);
      const file = resolve(process.cwd(), directory, `terraform.${stack.node.id}.tfstate`);
      new LocalBackend(stack, { path: relative(stackDir, file).split(sep).join(posix.sep) });
    }
    // A local state in a stack tagged environment: prod is the policy rule local-state-in-prod.
  } else {
    for (const stack of stacks) {
      addSynthCheck(stack, () =>
          [stack]
            .filter((s) => !userBackend(s))
            .map(
              (s) =>
                new GpuClusterError({
                code: 'STATE_BACKEND_MISSING',
                prop: 'state',
                value: 'StateBackend.existing()',
                problem: `says the stacks' backends are configured elsewhere, but stack ${s.node.id} has none (cdktf would keep its state in a local file)`,
                allowed: 'a backend on every stack of the cluster',
                fix: `add one to ${s.node.id} (new S3Backend(stack, ...), a cloud block), or pass state: StateBackend.s3({ bucket })`,
              }).validationMessage,
            ));
    }
  }
  return backend;
}

/** True when the stack has a backend other than the local one cdktf adds when there is none. */
function userBackend(stack: TerraformStack): boolean {
  const backends = stack.node.findAll().filter((c): c is TerraformBackend => TerraformBackend.isBackend(c));
  const cdktfDefault = join(process.cwd(), `terraform.${stack.node.id}.tfstate`);
  return backends.some((b) => {
    const local = (b.toTerraform() as { terraform?: { backend?: { local?: { path?: string } } } }).terraform?.backend?.local;
    return !local || local.path !== cdktfDefault;
  });
}
