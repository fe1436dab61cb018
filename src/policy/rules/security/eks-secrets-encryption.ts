import type { PolicyRule } from '../../rule.js';
import { asList, single } from '../../terraform-view.js';

/**
 * EKS envelope-encrypts Kubernetes secrets with a KMS key when the cluster names one for the
 * `secrets` resource; with a key of one's own, access to secrets can be audited and revoked in KMS.
 */
export const EksSecretsEncryption: PolicyRule = {
  id: 'eks-secrets-encryption',
  area: 'security',
  level: 'error',
  description: 'EKS clusters must envelope-encrypt Kubernetes secrets with a KMS key (encryption_config for "secrets").',
  fix: 'add encryption_config { resources = ["secrets"], provider { key_arn = <KMS key ARN> } } to the aws_eks_cluster',
  evaluate(ctx) {
    return ctx.terraform.resources('aws_eks_cluster').flatMap((b) => {
      const configs = asList(b.attrs.encryption_config);
      const ok = configs.some((c: Record<string, any>) => asList(c?.resources).includes('secrets') && typeof single(c?.provider)?.key_arn === 'string' && single(c.provider)!.key_arn !== '');
      return ok ? [] : [{ constructPath: b.path, message: `aws_eks_cluster.${b.name}: ${configs.length ? 'encryption_config does not cover "secrets" with a provider key_arn' : 'has no encryption_config'}` }];
    });
  },
};
