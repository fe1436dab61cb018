/**
 * The library's synth-time checks, and what a failed synth leaves behind.
 *
 * cdktf applies a stack's aspects, validates it and writes it, stack by stack, and reports
 * validation problems as a plain `Error("Validation failed…")`. Checks registered here run in the
 * validation of their own stack (after its aspects, so they judge the Terraform that would be
 * written), every time it is validated; their problems become one GpuClusterError whose code is
 * the first problem's and whose `problems` list holds every one. Before it is thrown, the failure
 * hooks run (the cost gate removes every report of the out dir), so a synth that fails in its
 * second stack leaves no reports of its first: no partial set of reports, ever.
 */
import { GpuClusterError } from '../base/errors.js';
import type { SynthProblem } from '../base/errors.js';
import { Construct, TerraformStack } from './cdktf.js';
import type { IConstruct } from './cdktf.js';

/** A check: messages that begin `GpuClusterError <CODE>:`, reported at the owner (or at `path`). */
export type SynthCheck = () => ReadonlyArray<string | { readonly path: string; readonly message: string }>;

/** Runs when a stack's checks fail, before the error is thrown: `stack` is the failing stack. */
export type SynthFailureHook = (stack: TerraformStack) => void;

const byStack = new WeakMap<IConstruct, Array<{ owner: IConstruct; check: SynthCheck }>>();
const failureHooks: SynthFailureHook[] = [];

/** Registers `check` on `owner`; it runs whenever owner's stack is validated. */
export function addSynthCheck(owner: IConstruct, check: SynthCheck): void {
  const stack = TerraformStack.of(owner);
  let checks = byStack.get(stack);
  if (!checks) {
    checks = [];
    byStack.set(stack, checks);
    const all = checks;
    // A construct of its own carries the validation (the stack's own validations are the user's).
    new Construct(stack, 'GpuClusterSynthChecks').node.addValidation({ validate: () => runChecks(stack, all) });
  }
  checks.push({ owner, check });
}

/** Registers what to undo when a synth fails (the policy layer removes its reports). */
export function onSynthFailure(hook: SynthFailureHook): void {
  failureHooks.push(hook);
}

function runChecks(stack: TerraformStack, checks: ReadonlyArray<{ owner: IConstruct; check: SynthCheck }>): string[] {
  const problems: SynthProblem[] = [];
  for (const { owner, check } of checks) {
    for (const p of check()) {
      const path = typeof p === 'string' ? owner.node.path : p.path;
      const message = typeof p === 'string' ? p : p.message;
      const code = /^GpuClusterError ([A-Z0-9_]+):/.exec(message)?.[1] ?? 'SYNTH_CHECK_FAILED';
      problems.push({ code, path, message });
    }
  }
  if (problems.length === 0) return [];
  for (const hook of failureHooks) hook(stack);
  throw GpuClusterError.aggregate(problems);
}
