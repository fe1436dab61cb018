import { performance } from 'node:perf_hooks';
import type { IStackSynthesizer } from 'cdktf/lib/synthesize/types.js';
import { cdktf } from './cdktf.js';
import type { IConstruct, TerraformStack } from './cdktf.js';
import { recordingHelmValues } from './helm-values-record.js';
import type { HelmValuesSource } from './helm-values-record.js';

/** A stack's Terraform as cdktf writes it to cdk.tf.json, with the Helm values texts produced on the way. */
export interface ResolvedTerraform {
  readonly json: Record<string, any>;
  /** What helmValuesYaml produced while resolving (text before token resolution, and its values). */
  readonly helmValues: readonly HelmValuesSource[];
}

/** One synthesis of a stack, while shareResolvedTerraform runs it. */
interface Window {
  /** toTerraform as it was before the window. */
  readonly toTerraform: () => Record<string, any>;
  resolved?: ResolvedTerraform;
  /** Milliseconds spent resolving (once). */
  ms: number;
  /** Calls served, the first (which resolved) included. */
  calls: number;
}

const windows = new WeakMap<object, Window>();

/**
 * The resolved Terraform of `stack` (`stack.toTerraform()`). Inside shareResolvedTerraform it is
 * resolved once and shared by every caller, cdktf's own writing of cdk.tf.json included.
 */
export function resolvedTerraform(stack: TerraformStack): ResolvedTerraform {
  const window = windows.get(stack);
  if (window?.resolved) {
    window.calls++;
    return window.resolved;
  }
  const started = performance.now();
  const { result: json, produced } = recordingHelmValues(() => (window ? window.toTerraform() : stack.toTerraform()) as Record<string, any>);
  const resolved = { json, helmValues: produced };
  if (window) {
    window.resolved = resolved;
    window.ms = performance.now() - started;
    window.calls = 1;
  }
  return resolved;
}

/**
 * Runs `synthesize` (one synthesis of `stack`) with its Terraform resolved at most once: policy
 * checks in the validation pass read it and cdktf writes the same object afterwards. Nothing may
 * change the stack between the two (validations and custom synthesis only read it); outside the
 * window, toTerraform resolves afresh as usual.
 */
export function shareResolvedTerraform(stack: TerraformStack, synthesize: () => void): { readonly ms: number; readonly calls: number } {
  const own = Object.getOwnPropertyDescriptor(stack, 'toTerraform');
  const window: Window = { toTerraform: stack.toTerraform.bind(stack), ms: 0, calls: 0 };
  windows.set(stack, window);
  Object.defineProperty(stack, 'toTerraform', { configurable: true, writable: true, value: () => resolvedTerraform(stack).json });
  try {
    synthesize();
  } finally {
    windows.delete(stack);
    if (own) Object.defineProperty(stack, 'toTerraform', own);
    else delete (stack as { toTerraform?: unknown }).toTerraform;
  }
  return { ms: window.ms, calls: window.calls };
}

/** Wraps the stack's synthesizer so that each synthesis runs inside shareResolvedTerraform; `after` gets its figures. */
export function shareResolvedTerraformOnSynth(stack: TerraformStack, after: (figures: { readonly ms: number; readonly calls: number }) => void): void {
  const inner: IStackSynthesizer = stack.synthesizer;
  stack.synthesizer = {
    synthesize: (session) => {
      after(shareResolvedTerraform(stack, () => inner.synthesize(session)));
    },
  };
}

let resolver: InstanceType<ReturnType<typeof cdktf>['DefaultTokenResolver']> | undefined;

/** Resolves `value` in `scope` as toTerraform resolves the stack's elements. */
export function resolveAsWritten<T>(scope: IConstruct, value: T): T {
  const c = cdktf();
  resolver ??= new c.DefaultTokenResolver(new c.StringConcat());
  return c.Tokenization.resolve(value, { scope, preparing: false, resolver }) as T;
}
