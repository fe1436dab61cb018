import { join } from 'node:path';
import { readFileSync } from 'node:fs';

interface UnscopedActionsFile {
  readonly source: { readonly repo: string; readonly path: string; readonly commit: string };
  readonly actions: Readonly<Record<string, readonly string[]>>;
}

let table: Map<string, Set<string>> | undefined;

/**
 * True when `action` (`ec2:DescribeInstances`) supports no resource-level permissions, so
 * `Resource: "*"` is its only form (data/unscoped-iam-actions.json, from the AWS Service
 * Authorization Reference; see data/SOURCES.md). Unknown services and wildcard patterns are false.
 */
export function isUnscopedAction(action: string): boolean {
  if (!table) {
    const file = JSON.parse(readFileSync(join(__dirname, './data/unscoped-iam-actions.json'), 'utf8')) as UnscopedActionsFile;
    table = new Map(Object.entries(file.actions).map(([service, names]) => [service, new Set(names.map((n) => n.toLowerCase()))]));
  }
  const [service, name, ...rest] = action.split(':');
  if (!service || !name || rest.length || /[*?]/.test(name)) return false;
  return table.get(service.toLowerCase())?.has(name.toLowerCase()) ?? false;
}
