/**
 * How ClusterVpc splits its CIDR. The EKS VPC CNI gives every pod an address from its node's
 * subnet, so private subnets get most of the space; public subnets hold only NAT gateways and
 * load balancers.
 *
 * - Private subnet of zone i: the i-th eighth of the VPC (`cidrsubnet(cidr, 3, i)`): a /16 gives
 *   /19s of 8,187 usable addresses (AWS reserves 5 per subnet). Eighths 0-5 serve up to 6 zones.
 * - Public subnet of zone i: the i-th /p+6 (at most /28, the smallest subnet AWS allows) of the
 *   last quarter: a /16 gives /22s of 1,019 usable addresses from 10.0.192.0.
 * - Eighths the zones leave and the rest of the last quarter stay free for later subnets.
 *
 * 10.0.0.0/16, 3 zones: private 10.0.0.0/19, 10.0.32.0/19, 10.0.64.0/19; public 10.0.192.0/22,
 * 10.0.196.0/22, 10.0.200.0/22.
 */
import { cidrSubnet, formatIpv4Cidr } from '../base/ipv4-cidr.js';
import type { Ipv4Cidr } from '../base/ipv4-cidr.js';

/** New bits of a private subnet (an eighth of the VPC). */
export const PRIVATE_NEWBITS = 3;
/** New bits of a public subnet when that is no smaller than /28. */
export const PUBLIC_NEWBITS = 6;
/** The smallest subnet AWS allows. */
export const MIN_SUBNET_PREFIX = 28;
/** VPC prefix lengths ClusterVpc accepts. */
export const VPC_PREFIX = { min: 16, max: 24 } as const;
/** Zones a layout serves (private subnets take eighths 0-5; the last quarter is public). */
export const MAX_ZONES = 6;
/** For a CIDR known only at apply time the public /p+6 must be at least /28: /16 to /22. */
export const TOKEN_VPC_PREFIX = { min: 16, max: MIN_SUBNET_PREFIX - PUBLIC_NEWBITS } as const;

export interface VpcLayout {
  readonly privateCidrs: readonly string[];
  readonly publicCidrs: readonly string[];
}

/** Public subnets of this VPC prefix length: their prefix and how many fit in the last quarter. */
export function publicSubnetShape(vpcPrefix: number): { prefix: number; capacity: number } {
  const prefix = Math.min(vpcPrefix + PUBLIC_NEWBITS, MIN_SUBNET_PREFIX);
  return { prefix, capacity: 2 ** (prefix - vpcPrefix - 2) };
}

/** The subnet CIDRs of `zones` zones in `vpc`; the caller checks that the public subnets fit. */
export function literalLayout(vpc: Ipv4Cidr, zones: number): VpcLayout {
  const lastQuarter = cidrSubnet(vpc, 2, 3);
  const pub = publicSubnetShape(vpc.prefix);
  const range = Array.from({ length: zones }, (_, i) => i);
  return {
    privateCidrs: range.map((i) => formatIpv4Cidr(cidrSubnet(vpc, PRIVATE_NEWBITS, i))),
    publicCidrs: range.map((i) => formatIpv4Cidr(cidrSubnet(lastQuarter, pub.prefix - lastQuarter.prefix, i))),
  };
}

/** Netnum of zone i's public subnet with PUBLIC_NEWBITS (the same subnet as literalLayout for /16-/22). */
export function publicNetnum(zone: number): number {
  return 3 * 2 ** (PUBLIC_NEWBITS - 2) + zone;
}
