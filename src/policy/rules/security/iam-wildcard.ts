import type { PolicyRule, RawFinding } from '../../rule.js';
import { permissionDocuments, statementName } from '../../iam-documents.js';
import { isUnscopedAction } from '../../unscoped-actions.js';

const ALL_ACTIONS = /^([a-z0-9-]+:)?\*$/i;

/**
 * Least privilege in Allow statements: no `*` or `service:*` actions and no NotAction; `Resource:
 * "*"` only for actions that support no resource-level permissions (the AWS Service Authorization
 * Reference lists no resource type for them, e.g. ec2:DescribeInstances, pricing:GetProducts —
 * see data/unscoped-iam-actions.json). Resource policies may not allow `Principal: "*"` without a
 * condition. Deny statements are not checked: a broad deny only narrows.
 */
export const IamWildcard: PolicyRule = {
  id: 'iam-wildcard',
  area: 'security',
  level: 'error',
  description: 'IAM Allow statements must not use * actions, or * resources where the actions support resource-level permissions.',
  fix: 'list the actions, and scope Resource to ARNs (by cluster, region, account or tag conditions); keep Resource "*" only for actions without resource-level permissions, in a statement of their own',
  evaluate(ctx) {
    const findings: RawFinding[] = [];
    for (const doc of permissionDocuments(ctx.terraform)) {
      const where = `${doc.block.kind === 'data' ? 'data.' : ''}${doc.block.type}.${doc.block.name} ${doc.attribute}`;
      doc.statements.forEach((s, i) => {
        if (s.effect !== 'Allow') return;
        const name = `${where} ${statementName(s, i)}`;
        const problems: string[] = [];
        if (s.notAction) problems.push(`allows every action except ${s.actions.join(', ')} (NotAction)`);
        const wild = s.notAction ? [] : s.actions.filter((a) => ALL_ACTIONS.test(a));
        if (wild.length) problems.push(`allows ${wild.map((a) => JSON.stringify(a)).join(', ')}`);
        if (!s.notAction && !wild.length && (s.resources.includes('*') || s.notResource)) {
          const scoped = s.actions.filter((a) => !isUnscopedAction(a));
          if (scoped.length) problems.push(`uses ${s.notResource ? 'NotResource' : 'Resource "*"'} for ${scoped.join(', ')}, which support${scoped.length === 1 ? 's' : ''} resource-level permissions (or ${scoped.length === 1 ? 'is' : 'are'} not listed as unscoped)`);
        }
        if (s.principals === '*' && s.conditions.length === 0) problems.push('allows Principal "*" without a condition');
        if (problems.length) findings.push({ constructPath: doc.block.path, message: `${name} ${problems.join('; ')}` });
      });
    }
    return findings;
  },
};
