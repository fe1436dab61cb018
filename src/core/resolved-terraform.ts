import { performance } from 'node:perf_hooks';
import type { IStackSynthesizer } from 'cdktf/lib/synthesize/types.js';
import { cdktf } from './cdktf.js';
import type { IConstruct, TerraformStack } from './cdktf.js';
import { startRecordingHelmValues, stopRecordingHelmValues } from './helm-values-record.js';
import type { HelmValuesSource } from './helm-values-record.js';

/** A stack's Terraform as cdktf writes it to cdk.tf.json, with the Helm values texts produced on the way. */
export interface ResolvedTerraform {
  readonly json: Record<string, any>;
  /** What helmValuesYaml produced while resolving (text before token resolution, and its values). */
  readonly helmValues: readonly HelmValuesSource[];
}

/** What one window shared: milliseconds spent resolving (once), and calls served (the first included). */
export interface SharedResolution {
  readonly ms: number;
  readonly calls: number;
}

/** One synthesis of a stack, while its resolution is shared. */
interface Window {
  /** The stack's toTerraform before the window, and its own property if it had one. */
  readonly toTerraform: () => unknown;
  readonly own?: PropertyDescriptor;
  resolved?: ResolvedTerraform;
  ms: number;
  calls: number;
}

const windows = new WeakMap<object, Window>();

/**
 * The resolved Terraform of `stack` (`stack.toTerraform()`). While a window is open it is resolved
 * once and shared by every caller, cdktf's own writing of cdk.tf.json included.
 */
export function resolvedTerraform(stack: TerraformStack): ResolvedTerraform {
  const window = windows.get(stack);
  if (window?.resolved) {
    window.calls++;
    return window.resolved;
  }
  // Called directly, not through a callback: tokens created while resolving capture the whole
  // call stack (cdktf's creation stacks), so every frame here is paid per token.
  const started = performance.now();
  const recording = startRecordingHelmValues();
  let json: Record<string, any>;
  try {
    json = (window ? window.toTerraform.call(stack) : stack.toTerraform()) as Record<string, any>;
  } finally {
    stopRecordingHelmValues(recording);
  }
  const resolved = { json, helmValues: recording.produced };
  if (window) {
    window.resolved = resolved;
    window.ms = performance.now() - started;
    window.calls = 1;
  }
  return resolved;
}

/**
 * Opens a window in which `stack`'s Terraform is resolved at most once: policy checks in the
 * validation pass read it and cdktf writes the same object afterwards. Nothing may change the stack
 * while it is open (validations and custom synthesis only read it). closeWindow ends it.
 */
function openWindow(stack: TerraformStack): Window {
  const window: Window = { toTerraform: stack.toTerraform, own: Object.getOwnPropertyDescriptor(stack, 'toTerraform'), ms: 0, calls: 0 };
  windows.set(stack, window);
  Object.defineProperty(stack, 'toTerraform', { configurable: true, writable: true, value: () => resolvedTerraform(stack).json });
  return window;
}

function closeWindow(stack: TerraformStack, window: Window): SharedResolution {
  windows.delete(stack);
  if (window.own) Object.defineProperty(stack, 'toTerraform', window.own);
  else delete (stack as { toTerraform?: unknown }).toTerraform;
  return { ms: window.ms, calls: window.calls };
}

/** Runs `synthesize` (one synthesis of `stack`) with the stack's resolution shared; outside, toTerraform resolves afresh as usual. */
export function shareResolvedTerraform(stack: TerraformStack, synthesize: () => void): SharedResolution {
  const window = openWindow(stack);
  try {
    synthesize();
  } finally {
    closeWindow(stack, window);
  }
  return { ms: window.ms, calls: window.calls };
}

/** Wraps the stack's synthesizer (one frame deep) so that each synthesis shares its resolution; `after` gets the figures. */
export function shareResolvedTerraformOnSynth(stack: TerraformStack, after: (shared: SharedResolution) => void): void {
  const inner: IStackSynthesizer = stack.synthesizer;
  stack.synthesizer = {
    synthesize(session) {
      const window = openWindow(stack);
      try {
        inner.synthesize(session);
      } finally {
        closeWindow(stack, window);
      }
      after({ ms: window.ms, calls: window.calls });
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
