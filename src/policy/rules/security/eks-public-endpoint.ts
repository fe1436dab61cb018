import type { PolicyRule } from '../../rule.js';
import { asList, single } from '../../terraform-view.js';

const OPEN = ['0.0.0.0/0', '::/0'];

/**
 * The EKS API endpoint is public by default and open to the internet (public_access_cidrs defaults
 * to 0.0.0.0/0). Keep it private, or public for named CIDRs only.
 */
export const EksPublicEndpoint: PolicyRule = {
  id: 'eks-public-endpoint',
  area: 'security',
  level: 'error',
  description: 'The EKS API endpoint must not be public to 0.0.0.0/0 (or ::/0).',
  fix: 'set vpc_config { endpoint_public_access = false, endpoint_private_access = true }, or list your CIDRs in public_access_cidrs',
  evaluate(ctx) {
    return ctx.terraform.resources('aws_eks_cluster').flatMap((b) => {
      const vpc = single(b.attrs.vpc_config) ?? {};
      if (vpc.endpoint_public_access === false || vpc.endpoint_public_access === 'false') return [];
      const cidrs = asList(vpc.public_access_cidrs);
      const open = cidrs.length === 0 ? ['0.0.0.0/0 (the default)'] : cidrs.filter((c) => OPEN.includes(String(c).trim()));
      return open.length ? [{ constructPath: b.path, message: `aws_eks_cluster.${b.name}: the public API endpoint is open to ${open.join(', ')}` }] : [];
    });
  },
};
