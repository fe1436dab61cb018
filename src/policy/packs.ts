import type { PolicyRule } from './rule.js';
import { BudgetExceeded } from './rules/cost/budget-exceeded.js';
import { BudgetNearLimit } from './rules/cost/budget-near-limit.js';
import { BudgetScopeEmpty } from './rules/cost/budget-scope-empty.js';
import { MissingCostTags } from './rules/cost/missing-cost-tags.js';
import { Imdsv2Required } from './rules/security/imdsv2-required.js';
import { ImdsHopLimit } from './rules/security/imds-hop-limit.js';
import { EbsEncryption } from './rules/security/ebs-encryption.js';
import { SqsEncryption } from './rules/security/sqs-encryption.js';
import { EksSecretsEncryption } from './rules/security/eks-secrets-encryption.js';
import { EksPublicEndpoint } from './rules/security/eks-public-endpoint.js';
import { IamWildcard } from './rules/security/iam-wildcard.js';
import { IamTrustCondition } from './rules/security/iam-trust-condition.js';
import { UnpinnedVersions } from './rules/security/unpinned-versions.js';
import { UnpinnedImages } from './rules/security/unpinned-images.js';
import { GpuPoolLimit } from './rules/security/gpu-pool-limit.js';
import { NodeGroupMaxCeiling } from './rules/security/node-group-max-ceiling.js';
import { LocalStateInProd, StateBucketSafety } from './rules/security/state-bucket.js';

/** Cost rules, on by default. */
export const COST_PACK: readonly PolicyRule[] = [BudgetExceeded, BudgetNearLimit, BudgetScopeEmpty, MissingCostTags];

/**
 * Security rules, on by default; they read the synthesized Terraform, so they cover every
 * construct and raw resource in the stack. Missing cost tags are the cost pack's rule, shared here.
 */
export const SECURITY_PACK: readonly PolicyRule[] = [
  Imdsv2Required,
  ImdsHopLimit,
  EbsEncryption,
  SqsEncryption,
  EksSecretsEncryption,
  EksPublicEndpoint,
  IamWildcard,
  IamTrustCondition,
  UnpinnedVersions,
  UnpinnedImages,
  MissingCostTags,
  GpuPoolLimit,
  NodeGroupMaxCeiling,
  StateBucketSafety,
  LocalStateInProd,
];

/** Every rule the synth gate runs, each once. */
export const DEFAULT_RULES: readonly PolicyRule[] = [...new Map([...COST_PACK, ...SECURITY_PACK].map((r) => [r.id, r])).values()];
