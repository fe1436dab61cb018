import { shortName } from './short-name.js';

/**
 * `name` when it fits a Kubernetes label value (63 characters), else its first 54 characters and
 * an 8-digit FNV-1a hash of the whole: derived names stay readable, distinct and deterministic.
 */
export function fitLabelValue(name: string): string {
  return shortName(name, 63);
}
