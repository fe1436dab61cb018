import type { PolicyRule, RawFinding } from '../../rule.js';
import type { TerraformBlock } from '../../terraform-view.js';
import { asList } from '../../terraform-view.js';
import { CostTags } from '../../../core/cost-tags.js';

/** The tag that marks a bucket as a Terraform state bucket (StateBucket sets it; the rules below read it). */
export const STATE_BUCKET_TAG = { key: 'cdktf-gpu-cluster:purpose', value: 'terraform-state' } as const;

const isStateBucket = (b: TerraformBlock) => (b.attrs.tags as Record<string, string> | undefined)?.[STATE_BUCKET_TAG.key] === STATE_BUCKET_TAG.value;

/**
 * A Terraform state bucket holds every secret the state carries and is the only copy of what the
 * stacks manage: it must keep old versions (to roll back a corrupted state), encrypt at rest and
 * refuse plain HTTP. Applies to buckets tagged as state buckets (StateBucket tags its own).
 */
export const StateBucketSafety: PolicyRule = {
  id: 'state-bucket',
  area: 'security',
  level: 'error',
  description: 'A Terraform state bucket must be versioned, encrypted and reachable over TLS only.',
  fix: 'keep the StateBucket versioning, encryption and policy resources (or give your bucket aws_s3_bucket_versioning, aws_s3_bucket_server_side_encryption_configuration and a policy denying aws:SecureTransport false)',
  evaluate(ctx) {
    const findings: RawFinding[] = [];
    const of = (type: string, bucket: TerraformBlock) => ctx.terraform.resources(type).filter((r) => typeof r.attrs.bucket === 'string' && (r.attrs.bucket.includes(`aws_s3_bucket.${bucket.name}.`) || r.attrs.bucket === bucket.attrs.bucket));
    for (const b of ctx.terraform.resources('aws_s3_bucket')) {
      if (!isStateBucket(b)) continue;
      const where = `aws_s3_bucket.${b.name} (a Terraform state bucket)`;
      if (!of('aws_s3_bucket_versioning', b).some((v) => asList(v.attrs.versioning_configuration).some((c: Record<string, unknown>) => c?.status === 'Enabled'))) {
        findings.push({ constructPath: b.path, message: `${where} is not versioned: a corrupted or deleted state cannot be rolled back` });
      }
      if (!of('aws_s3_bucket_server_side_encryption_configuration', b).length) {
        findings.push({ constructPath: b.path, message: `${where} has no encryption configuration stated` });
      }
      const tlsOnly = of('aws_s3_bucket_policy', b).some((p) => {
        try {
          const doc = JSON.parse(String(p.attrs.policy)) as { Statement?: Array<{ Effect?: string; Condition?: { Bool?: Record<string, unknown> } }> };
          return (doc.Statement ?? []).some((s) => s.Effect === 'Deny' && String(s.Condition?.Bool?.['aws:SecureTransport']) === 'false');
        } catch {
          return false;
        }
      });
      if (!tlsOnly) findings.push({ constructPath: b.path, message: `${where} accepts plain HTTP: no policy denies aws:SecureTransport false` });
    }
    return findings;
  },
};

/**
 * A stack tagged environment: prod whose state is a local file: one laptop away from lost or
 * forked state. The stack creating the state bucket itself is exempt.
 */
export const LocalStateInProd: PolicyRule = {
  id: 'local-state-in-prod',
  area: 'security',
  level: 'warning',
  description: 'A stack tagged environment: prod should keep its state in a shared, locked backend, not a local file.',
  fix: "state: StateBackend.s3({ bucket }) on the GpuCluster (see docs/state.md), or acknowledge with CostPolicy.acknowledge(stack, { rule: 'local-state-in-prod', reason })",
  evaluate(ctx) {
    const local = ctx.terraform.backend()?.local;
    if (!local || CostTags.resolve(ctx.stack).environment !== 'prod') return [];
    // The stack that creates the state bucket cannot keep its own state in it.
    if (ctx.terraform.resources('aws_s3_bucket').some(isStateBucket)) return [];
    return [{ constructPath: ctx.stack.node.path, message: `stack ${ctx.stack.node.id} is tagged environment: prod and keeps its state in a local file (${String(local.path)})` }];
  },
};
