import type { IConstruct } from './cdktf.js';

type Hook = (construct: IConstruct) => void;
const hooks: Hook[] = [];

/**
 * Runs `hook` for every construct that declares a cost profile. The policy layer registers its
 * synth gate here, so constructs need not import it (dependencies point one way).
 */
export function onCostBearingConstruct(hook: Hook): void {
  hooks.push(hook);
}

/** Called by declareCostProfile. */
export function notifyCostBearing(construct: IConstruct): void {
  for (const h of hooks) h(construct);
}
