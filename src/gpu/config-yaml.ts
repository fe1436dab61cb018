import { createRequire } from 'node:module';

const requireCjs = createRequire(import.meta.url);

/**
 * A config file's YAML text (mig-parted's config.yaml, a device-plugin config), as it goes into a
 * ConfigMap. Not escaped for Terraform: the release values that carry the ConfigMap escape every
 * string once.
 */
export function configYaml(value: unknown): string {
  const YAML = requireCjs('yaml') as typeof import('yaml');
  return YAML.stringify(value, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}
