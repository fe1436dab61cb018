import type { IConstruct } from './cdktf.js';
import type { CostProfile } from '../cost/cost-profile.js';

const producers = new WeakMap<IConstruct, () => CostProfile>();

/** Declares the cost profile of a construct; `produce` runs at synth, after every prop and tag is set. */
export function declareCostProfile(construct: IConstruct, produce: () => CostProfile): void {
  producers.set(construct, produce);
}

/** The cost profile a construct declared, or undefined. */
export function costProfileOf(construct: IConstruct): CostProfile | undefined {
  return producers.get(construct)?.();
}

/** Every cost profile declared under `scope`, in construct-tree order. */
export function collectCostProfiles(scope: IConstruct): CostProfile[] {
  const profiles: CostProfile[] = [];
  for (const c of scope.node.findAll()) {
    const produce = producers.get(c);
    if (produce) profiles.push(produce());
  }
  return profiles;
}
