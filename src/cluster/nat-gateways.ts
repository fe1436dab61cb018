/** How many NAT gateways a ClusterVpc runs. String values. */
export const NatGateways = {
  /** One per availability zone, each zone's private subnet routed through its own: an AZ outage leaves the others' egress up. */
  ONE_PER_AZ: 'ONE_PER_AZ',
  /** One, in the first zone, for every private subnet: cheaper, but that zone's outage cuts all egress, and traffic from other zones pays cross-AZ data transfer. */
  SINGLE: 'SINGLE',
} as const;

/** `'ONE_PER_AZ'` or `'SINGLE'`. */
export type NatGateways = (typeof NatGateways)[keyof typeof NatGateways];
