import { hash8 } from './short-name.js';

/** Prefix of the Kubernetes labels this library puts on nodes. */
export const LABEL_PREFIX = 'cdktf-gpu-cluster';

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** True when `key` is a valid Kubernetes label key (`[prefix/]name`). */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return false;
  return name.length <= 63 && NAME.test(name);
}

/** True when `value` is a valid Kubernetes label value (empty allowed). */
export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && NAME.test(value));
}

/**
 * The label-safe form of a tag value (a team or cost center), as node labels, recording rules and
 * budget alerts carry it. A valid label value stays as it is. Otherwise: accents are dropped
 * (NFKD, combining marks removed: `Équipe` → `Equipe`), every run of characters a label value
 * cannot hold becomes `-` (`ML Search` → `ML-Search`), leading and trailing `-`, `_` and `.` go,
 * and a result over 63 characters is cut to 54 with an 8-digit hash of the original. Nothing left
 * (a name of only other scripts) is `x-` and the hash. Deterministic: the same name, the same form.
 */
export function labelSafeValue(value: string): string {
  if (isLabelValue(value)) return value;
  const ascii = value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const form = ascii.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  if (form === '') return `x-${hash8(value)}`;
  if (form.length > 63) return `${form.slice(0, 54).replace(/[^A-Za-z0-9]+$/, '')}-${hash8(value)}`;
  return form;
}
