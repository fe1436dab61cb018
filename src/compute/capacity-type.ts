/** How capacity is bought. String values, as EKS names them. */
export const CapacityType = {
  /** On-demand instances. */
  ON_DEMAND: 'ON_DEMAND',
  /** Spot instances: cheaper, can be interrupted with two minutes' notice. */
  SPOT: 'SPOT',
} as const;

/** `'ON_DEMAND'` or `'SPOT'`. */
export type CapacityType = (typeof CapacityType)[keyof typeof CapacityType];

/** Karpenter's spelling of a capacity type (`karpenter.sh/capacity-type`). */
export function karpenterCapacityType(type: CapacityType): 'on-demand' | 'spot' {
  return type === CapacityType.SPOT ? 'spot' : 'on-demand';
}
