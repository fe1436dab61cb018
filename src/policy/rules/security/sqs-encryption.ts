import type { PolicyRule } from '../../rule.js';

/**
 * Queues carry event payloads (instance IDs, account details). Encryption is stated on the queue:
 * SSE-SQS (free) or a KMS key, not left to the account's default for new queues.
 */
export const SqsEncryption: PolicyRule = {
  id: 'sqs-encryption',
  area: 'security',
  level: 'error',
  description: 'SQS queues must be encrypted at rest (SSE-SQS or a KMS key), stated on the queue.',
  fix: 'set sqs_managed_sse_enabled = true, or kms_master_key_id to a KMS key',
  evaluate(ctx) {
    return ctx.terraform
      .resources('aws_sqs_queue')
      .filter((b) => !(b.attrs.sqs_managed_sse_enabled === true || b.attrs.sqs_managed_sse_enabled === 'true' || (typeof b.attrs.kms_master_key_id === 'string' && b.attrs.kms_master_key_id.trim() !== '')))
      .map((b) => ({
        constructPath: b.path,
        message: `aws_sqs_queue.${b.name}: ${b.attrs.sqs_managed_sse_enabled === false || b.attrs.sqs_managed_sse_enabled === 'false' ? 'sqs_managed_sse_enabled is false and no kms_master_key_id is set' : 'neither sqs_managed_sse_enabled nor kms_master_key_id is set'}`,
      }));
  },
};
