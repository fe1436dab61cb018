/**
 * The library's synth-time checks, run for the whole app before the first stack writes a file.
 *
 * cdktf validates and writes stack by stack, so a problem in the second stack would leave the
 * first stack's files (and reports) of a failed synth behind, and it reports problems as a plain
 * `Error("Validation failed…")`. Checks registered here run once per synth, all of them, from the
 * validation of the first stack that has any; problems become one GpuClusterError whose code is
 * the first problem's and whose `problems` list holds every one. Nothing of the failed synth is
 * written: the files of the last good synth stay where they are.
 */
import { GpuClusterError } from '../base/errors.js';
import type { SynthProblem } from '../base/errors.js';
import { Construct, TerraformStack, addCustomSynthesis } from './cdktf.js';
import type { IConstruct } from './cdktf.js';

/** A check: messages that begin `GpuClusterError <CODE>:`, reported at the owner (or at `path`). */
export type SynthCheck = () => ReadonlyArray<string | { readonly path: string; readonly message: string }>;

interface AppChecks {
  readonly checks: Array<{ owner: IConstruct; check: SynthCheck }>;
  readonly stacks: Set<IConstruct>;
  /** Set while one synth runs: its checks passed; reset when it ends. */
  passed: boolean;
}

const byApp = new WeakMap<IConstruct, AppChecks>();

/** Registers `check` on `owner`; it runs at every synth of owner's app, with every other check. */
export function addSynthCheck(owner: IConstruct, check: SynthCheck): void {
  const root = owner.node.root;
  let app = byApp.get(root);
  if (!app) {
    app = { checks: [], stacks: new Set(), passed: false };
    byApp.set(root, app);
  }
  app.checks.push({ owner, check });
  const stack = TerraformStack.of(owner);
  if (app.stacks.has(stack)) return;
  app.stacks.add(stack);
  const state = app;
  // A construct of its own (the stack's custom synthesis may be the user's), writing nothing.
  const hook = new Construct(stack, 'GpuClusterSynthChecks');
  hook.node.addValidation({ validate: () => runAppChecks(state) });
  // The last stack of the app to be written ends the synth (a Testing.synth of one stack ends at the next tick).
  addCustomSynthesis(hook, {
    onSynthesize: () => {
      const stacks = root.node.findAll().filter((c) => TerraformStack.isStack(c));
      if (stacks[stacks.length - 1] === stack) state.passed = false;
    },
  });
}

function runAppChecks(app: AppChecks): string[] {
  if (app.passed) return [];
  const problems: SynthProblem[] = [];
  for (const { owner, check } of app.checks) {
    for (const p of check()) {
      const path = typeof p === 'string' ? owner.node.path : p.path;
      const message = typeof p === 'string' ? p : p.message;
      const code = /^GpuClusterError ([A-Z0-9_]+):/.exec(message)?.[1] ?? 'SYNTH_CHECK_FAILED';
      problems.push({ code, path, message });
    }
  }
  if (problems.length) throw GpuClusterError.aggregate(problems);
  app.passed = true;
  queueMicrotask(() => (app.passed = false));
  return [];
}
