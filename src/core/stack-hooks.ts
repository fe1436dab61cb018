import type { IConstruct } from './cdktf.js';

type Hook = (construct: IConstruct) => void;
const hooks: Hook[] = [];
let suspended = 0;

/**
 * Runs `hook` for every construct that declares a cost profile. The policy layer registers its
 * synth gate here, so constructs need not import it (dependencies point one way).
 */
export function onCostBearingConstruct(hook: Hook): void {
  hooks.push(hook);
}

/** Called by declareCostProfile. */
export function notifyCostBearing(construct: IConstruct): void {
  if (suspended > 0) return;
  for (const h of hooks) h(construct);
}

/**
 * Builds what `build` builds with no hook run: its stacks get no cost gate. For `npm run bench`,
 * which times the same stack with and without the gate in one process; not exported by the
 * package, since a stack built this way is never priced and no budget can stop it.
 */
export function withoutCostBearingHooks<T>(build: () => T): T {
  suspended++;
  try {
    return build();
  } finally {
    suspended--;
  }
}
