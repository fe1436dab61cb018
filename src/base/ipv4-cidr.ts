/**
 * IPv4 CIDR arithmetic for the VPC layout: parse strictly (what AWS and Terraform's cidrsubnet
 * accept), and carve subnets as Terraform's `cidrsubnet(prefix, newbits, netnum)` does, so a
 * literal VPC CIDR gives literal subnet CIDRs in cdk.tf.json. Pure; no cdktf.
 */

/** An IPv4 network: its address as an unsigned 32-bit integer and its prefix length. */
export interface Ipv4Cidr {
  readonly address: number;
  readonly prefix: number;
}

/** A parsed CIDR, or why the text is not one. */
export type Ipv4CidrParse =
  | { readonly ok: true; readonly cidr: Ipv4Cidr }
  | { readonly ok: false; readonly problem: string; readonly networkAddress?: string };

// Decimal octets without leading zeros: Go's net.ParseCIDR (Terraform's cidrsubnet) rejects
// `010.0.0.0/16`, and a reader could take it for octal.
const OCTET = '(0|[1-9][0-9]{0,2})';
const CIDR = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}/(0|[1-9][0-9]?)$`);

/** Parses `a.b.c.d/p`; the address must be the network address (host bits zero). */
export function parseIpv4Cidr(text: string): Ipv4CidrParse {
  const m = CIDR.exec(text);
  if (!m) return { ok: false, problem: 'is not an IPv4 CIDR (four decimal octets, a slash and a prefix length, e.g. 10.0.0.0/16)' };
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  const bad = octets.find((o) => o > 255);
  if (bad !== undefined) return { ok: false, problem: `has the octet ${bad}, above 255` };
  if (prefix > 32) return { ok: false, problem: `has the prefix length /${prefix}, above /32` };
  const address = octets.reduce((a, o) => a * 256 + o, 0);
  const network = address - (address % 2 ** (32 - prefix));
  if (network !== address) {
    const networkAddress = formatIpv4Cidr({ address: network, prefix });
    return { ok: false, problem: `has host bits set: ${text} is an address inside the network ${networkAddress}`, networkAddress };
  }
  return { ok: true, cidr: { address, prefix } };
}

/** `a.b.c.d/p`. */
export function formatIpv4Cidr(cidr: Ipv4Cidr): string {
  const a = cidr.address;
  return `${Math.floor(a / 2 ** 24) % 256}.${Math.floor(a / 2 ** 16) % 256}.${Math.floor(a / 2 ** 8) % 256}.${a % 256}/${cidr.prefix}`;
}

/** Terraform's `cidrsubnet(cidr, newbits, netnum)`; throws a RangeError past the parent network (a library bug, not user input). */
export function cidrSubnet(cidr: Ipv4Cidr, newbits: number, netnum: number): Ipv4Cidr {
  const prefix = cidr.prefix + newbits;
  if (prefix > 32 || netnum < 0 || netnum >= 2 ** newbits) throw new RangeError(`cidrSubnet: netnum ${netnum} does not fit ${newbits} new bits of ${formatIpv4Cidr(cidr)}`);
  return { address: cidr.address + netnum * 2 ** (32 - prefix), prefix };
}

/** Addresses of a network. */
export function cidrSize(cidr: Ipv4Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

/** True when `inner` lies inside `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.address >= outer.address && inner.address + cidrSize(inner) <= outer.address + cidrSize(outer);
}

/**
 * Ranges AWS refuses for a VPC (RFC 5735 special use: "this network", loopback, link-local,
 * multicast and reserved), as network + prefix.
 */
export const RESERVED_RANGES: readonly string[] = ['0.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '224.0.0.0/3'];

/** The private ranges (RFC 1918) and shared address space (RFC 6598, 100.64.0.0/10). */
export const PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

/** The first of `ranges` that overlaps `cidr`, or undefined. */
export function overlapping(cidr: Ipv4Cidr, ranges: readonly string[]): string | undefined {
  return ranges.find((r) => {
    const range = (parseIpv4Cidr(r) as { cidr: Ipv4Cidr }).cidr;
    return cidrContains(range, cidr) || cidrContains(cidr, range);
  });
}

/** The first of `ranges` that holds all of `cidr`, or undefined. */
export function within(cidr: Ipv4Cidr, ranges: readonly string[]): string | undefined {
  return ranges.find((r) => cidrContains((parseIpv4Cidr(r) as { cidr: Ipv4Cidr }).cidr, cidr));
}
