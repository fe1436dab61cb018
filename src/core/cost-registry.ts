import type { IConstruct } from './cdktf.js';
import type { CostProfile } from '../cost/cost-profile.js';
import { notifyCostBearing } from './stack-hooks.js';

const producers = new WeakMap<IConstruct, () => CostProfile>();
let declarations = 0;

/** How many cost profiles were declared so far in this process: changes whenever one is added. */
export function costProfileDeclarations(): number {
  return declarations;
}

/** Declares the cost profile of a construct; `produce` runs at synth, after every prop and tag is set. */
export function declareCostProfile(construct: IConstruct, produce: () => CostProfile): void {
  producers.set(construct, produce);
  declarations++;
  notifyCostBearing(construct);
}

/** The cost profile a construct declared, or undefined. */
export function costProfileOf(construct: IConstruct): CostProfile | undefined {
  return producers.get(construct)?.();
}

/** Every cost profile declared under `scope`, in construct-tree order, with its construct. */
export function collectCostProfiles(scope: IConstruct): Array<{ construct: IConstruct; profile: CostProfile }> {
  const found: Array<{ construct: IConstruct; profile: CostProfile }> = [];
  for (const c of scope.node.findAll()) {
    const produce = producers.get(c);
    if (produce) found.push({ construct: c, profile: produce() });
  }
  return found;
}
