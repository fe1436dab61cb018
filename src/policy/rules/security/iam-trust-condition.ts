import type { PolicyRule, RawFinding } from '../../rule.js';
import { trustDocuments, statementName } from '../../iam-documents.js';
import type { IamStatement } from '../../iam-documents.js';

/**
 * Service principals that assume a role only for resources of the role's own account that one
 * attaches it to (an instance profile, a Pod Identity association, a cluster): no confused-deputy
 * path, so AWS documents their trust policies without conditions. Every other service principal
 * needs aws:SourceArn or aws:SourceAccount.
 */
const NO_CONDITION_SERVICES = new Set(['ec2.amazonaws.com', 'ec2.amazonaws.com.cn', 'pods.eks.amazonaws.com', 'eks.amazonaws.com']);
const SOURCE_KEYS = ['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths'];

function problemsOf(s: IamStatement): string[] {
  if (s.effect !== 'Allow') return [];
  if (s.principals === '*') return ['trusts Principal "*"'];
  const keys = s.conditions.map((c) => c.key.toLowerCase());
  const problems: string[] = [];
  const services = (s.principals?.Service ?? []).filter((svc) => !NO_CONDITION_SERVICES.has(svc));
  if (services.length && !keys.some((k) => SOURCE_KEYS.includes(k))) {
    problems.push(`trusts ${services.join(', ')} without an aws:SourceArn or aws:SourceAccount condition (confused deputy)`);
  }
  for (const provider of s.principals?.Federated ?? []) {
    if (/saml-provider\//.test(provider)) {
      if (!keys.includes('saml:aud')) problems.push(`trusts SAML provider ${provider} without a SAML:aud condition`);
      continue;
    }
    // OIDC (IRSA, GitHub Actions, Cognito): the token's audience and subject must both be pinned.
    const sub = s.conditions.filter((c) => c.key.toLowerCase().endsWith(':sub'));
    const missing = [sub.length ? '' : ':sub', keys.some((k) => k.endsWith(':aud')) ? '' : ':aud'].filter(Boolean);
    if (missing.length) problems.push(`trusts ${provider} without ${missing.join(' and ')} condition${missing.length > 1 ? 's' : ''}: any identity of that issuer could assume the role`);
    else if (sub.some((c) => c.values.some((v) => /^\*$|^system:serviceaccount:\*/.test(v)))) problems.push(`trusts ${provider} for any subject (${sub.flatMap((c) => c.values).join(', ')})`);
  }
  for (const aws of s.principals?.AWS ?? []) {
    if (aws === '*') problems.push('trusts AWS principal "*"');
  }
  return problems;
}

/** Assume-role policies must say who may assume the role: conditions where a principal alone is too broad. */
export const IamTrustCondition: PolicyRule = {
  id: 'iam-trust-condition',
  area: 'security',
  level: 'error',
  description: 'Role trust policies must pin federated (OIDC sub and aud) and service principals with conditions where AWS expects them.',
  fix: 'for IRSA add StringEquals on <issuer>:sub (system:serviceaccount:<ns>:<sa>) and <issuer>:aud (sts.amazonaws.com); for services add aws:SourceArn or aws:SourceAccount; or use EKS Pod Identity (pods.eks.amazonaws.com)',
  evaluate(ctx) {
    const findings: RawFinding[] = [];
    for (const doc of trustDocuments(ctx.terraform)) {
      doc.statements.forEach((s, i) => {
        const problems = problemsOf(s);
        if (problems.length) findings.push({ constructPath: doc.block.path, message: `aws_iam_role.${doc.block.name} assume_role_policy ${statementName(s, i)} ${problems.join('; ')}` });
      });
    }
    return findings;
  },
};
