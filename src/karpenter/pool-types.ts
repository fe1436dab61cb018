/**
 * Types shared by the node pool, its overlays and the requirement checks, in a module of their own
 * so that none of those files imports another in a circle.
 */

/** A Karpenter node selector requirement. */
export interface NodeRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | 'Gte' | 'Lte';
  /** @default [] */
  readonly values?: string[];
  /** @default - no minimum */
  readonly minValues?: number;
}

/** The pool a NodeOverlay applies to: a GpuNodePool, or anything with a Karpenter NodePool's name. */
export interface NodePoolRef {
  /** The Karpenter NodePool's `metadata.name`. */
  readonly poolName: string;
}
