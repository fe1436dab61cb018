import { createHash } from 'node:crypto';

/**
 * `name` if it fits in `max` characters; else its first characters and a hash of the whole name
 * (`<head>-<8 hex>`), so that names derived from a long one (an SQS queue from a 100-character
 * cluster name) fit AWS's limit, stay stable from synth to synth and differ where the names differ.
 */
export function shortName(name: string, max: number): string {
  if (name.length <= max) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, max - hash.length - 1)}-${hash}`;
}
