import { createRequire } from 'node:module';
import { HELM_YAML_OPTIONS } from '../core/helm-values.js';

const requireCjs = createRequire(import.meta.url);

/**
 * A config file's YAML text (mig-parted's config.yaml, a device-plugin config), as it goes into a
 * ConfigMap, with YAML 1.1 quoting (the tools reading it are Go YAML 1.1 parsers). Not escaped for Terraform: the release values that carry the ConfigMap escape every
 * string once.
 */
export function configYaml(value: unknown): string {
  const YAML = requireCjs('yaml') as typeof import('yaml');
  return YAML.stringify(value, HELM_YAML_OPTIONS);
}
