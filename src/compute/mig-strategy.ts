import type { IConstruct } from '../core/cdktf.js';
import type { MigLayout, MigStrategy } from '../catalog/mig-layout.js';

const layouts = new WeakMap<IConstruct, MigLayout>();

/** Records that `owner`'s nodes run `layout`, so the MIG strategy of their stack can be known. */
export function registerMigLayout(owner: IConstruct, layout: MigLayout): void {
  layouts.set(owner, layout);
}

/** The MIG strategy of a stack and the constructs whose layouts make it mixed. */
export interface StackMigStrategy {
  readonly strategy: MigStrategy;
  /** Paths of the constructs with a mixed layout. */
  readonly mixedBy: readonly string[];
}

/**
 * The device plugin's MIG strategy for the nodes under `scope` (their stack): the GPU Operator
 * sets one `mig.strategy` per cluster, `mixed` as soon as one layout is mixed (as
 * MigLayout.clusterStrategy). Read at synth, after every node construct is added; kept apart from
 * the partition declarations so that producing a declaration can ask for it.
 */
export function stackMigStrategy(scope: IConstruct): StackMigStrategy {
  const mixedBy: string[] = [];
  for (const c of scope.node.findAll()) {
    if (layouts.get(c)?.strategy === 'mixed') mixedBy.push(c.node.path);
  }
  return { strategy: mixedBy.length ? 'mixed' : 'single', mixedBy };
}
