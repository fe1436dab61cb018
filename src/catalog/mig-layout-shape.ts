/**
 * What the MIG error messages and the mig-parted renderer read of a layout. MigLayout implements it;
 * mig-errors and mig-parted-config depend on this shape, not on the class, so no circle runs
 * between them and mig-layout (which builds its errors and its config with them).
 */
import type { MigPlacement } from './mig-placement.js';
import type { MigTarget, MigWhere } from './mig-target.js';

/** A MIG layout as seen by its error messages and the mig-parted renderer (MigLayout). */
export interface MigLayoutShape {
  readonly name: string;
  readonly kind: 'uniform' | 'mixed';
  /** Instances per GPU on `target`'s GPU. */
  countsFor(target: MigTarget, where?: MigWhere): Record<string, number>;
  /** The placement on one GPU of `target`; throws where the layout does not fit. */
  validateFor(target: MigTarget, where?: MigWhere): MigPlacement;
  /** Whether `instanceType`'s GPU offers every profile of the layout and can place it. */
  supports(instanceType: MigTarget): boolean;
  /** e.g. `2 x 3g.40gb + 1 x 1g.10gb`. */
  describe(): string;
  /** Same profiles, counts and name. */
  equals(other: MigLayoutShape): boolean;
}
