import { Annotations } from './cdktf.js';
import type { IConstruct } from './cdktf.js';

/**
 * A synth-time warning, added once: a second synth of the same app (a test, a script that synthesizes
 * twice) would otherwise repeat it in manifest.json.
 */
export function addWarningOnce(construct: IConstruct, message: string): void {
  if (construct.node.metadata.some((m) => m.type === '@cdktf/warn' && m.data === message)) return;
  Annotations.of(construct).addWarning(message);
}
