import { describeValue } from './describe.js';

/** What went wrong, where, and how to fix it. */
export interface GpuClusterErrorDetails {
  /** Stable, upper-snake-case code, e.g. `INVALID_SCALING`. Safe to match on. */
  readonly code: string;
  /** The construct path (`stack/id/child`), when the error belongs to a construct. */
  readonly path?: string;
  /** The prop (dotted for nested props: `scaling.max`). */
  readonly prop?: string;
  /** The value given. */
  readonly value?: unknown;
  /** What is wrong, in one sentence. */
  readonly problem: string;
  /** What is allowed. */
  readonly allowed?: string;
  /** How to fix it. */
  readonly fix?: string;
}

/**
 * The one error type the library throws. `name` is always `GpuClusterError`, also for subclasses,
 * and the message always begins with `GpuClusterError <CODE>:`.
 */
export class GpuClusterError extends Error {
  readonly code: string;
  readonly constructPath?: string;
  readonly prop?: string;
  readonly value?: unknown;
  readonly allowed?: string;
  readonly fix?: string;
  /** The message without the construct path, for `node.addValidation` (cdktf prefixes the path). */
  readonly validationMessage: string;

  constructor(details: GpuClusterErrorDetails) {
    const body = formatBody(details);
    super(`GpuClusterError ${details.code}: ${details.path ? `[${details.path}] ` : ''}${body}`);
    this.validationMessage = `GpuClusterError ${details.code}: ${body}`;
    this.code = details.code;
    this.constructPath = details.path;
    this.prop = details.prop;
    this.value = details.value;
    this.allowed = details.allowed;
    this.fix = details.fix;
    Object.defineProperty(this, 'name', { value: 'GpuClusterError', enumerable: false, configurable: true });
  }
}

function formatBody(d: GpuClusterErrorDetails): string {
  const parts: string[] = [];
  const problem = /[.!?]$/.test(d.problem) ? d.problem : `${d.problem}.`;
  parts.push(d.prop !== undefined ? `${d.prop}: ${problem}` : problem);
  if ('value' in d) parts.push(`Given: ${describeValue(d.value)}.`);
  if (d.allowed) parts.push(`Allowed: ${d.allowed}.`);
  if (d.fix) parts.push(`Fix: ${d.fix}.`);
  return parts.map((p) => p.replace(/([.?!])\.$/, '$1')).join(' ');
}
