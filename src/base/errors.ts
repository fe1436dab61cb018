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

/** One problem of several found at synth. */
export interface SynthProblem {
  readonly code: string;
  /** The construct path the problem belongs to. */
  readonly path: string;
  /** `GpuClusterError <CODE>: …`, without the path. */
  readonly message: string;
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
  /**
   * Every problem, when synth found several at once (the error's code is the first one's); one
   * entry when it found one.
   */
  readonly problems?: readonly SynthProblem[];

  /** One error for the problems synth found: the first one's code, every problem listed with its path. */
  static aggregate(problems: readonly SynthProblem[]): GpuClusterError {
    const [first] = problems;
    if (!first) throw new Error('GpuClusterError.aggregate needs a problem');
    const lines = problems.map((p) => `  [${p.path}] ${p.message}`).join('\n');
    const e = new GpuClusterError({ code: first.code, problem: `synth found ${problems.length} problem${problems.length === 1 ? '' : 's'}` });
    Object.defineProperty(e, 'message', { value: `${e.message}\n${lines}`, enumerable: false, configurable: true, writable: true });
    Object.defineProperty(e, 'problems', { value: problems, enumerable: true });
    return e;
  }

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
