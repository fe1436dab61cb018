import { isIPv6 } from 'node:net';
import { formatIpv4Cidr, parseIpv4Cidr } from './ipv4-cidr.js';

/** A parsed CIDR block. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly address: string;
  readonly prefix: number;
  /** The block as written with its host bits cleared (what AWS stores). */
  readonly network: string;
}

/** Parses `a.b.c.d/n` or an IPv6 block; undefined when it does not parse. */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([^/\s]+)\/(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const [, address, bits] = m as unknown as [string, string, string];
  const prefix = Number(bits);
  if (address.includes('.')) {
    // IPv4 goes through the strict parser the VPC layout uses; host bits set give the network.
    const parsed = parseIpv4Cidr(text);
    if (parsed.ok) return { family: 4, address, prefix, network: formatIpv4Cidr(parsed.cidr) };
    return parsed.networkAddress ? { family: 4, address, prefix, network: parsed.networkAddress } : undefined;
  }
  if (isIPv6(address) && !address.includes('.') && prefix <= 128) {
    const value = ipv6Value(address);
    const shift = BigInt(128 - prefix);
    const net = prefix === 0 ? 0n : (value >> shift) << shift;
    return { family: 6, address, prefix, network: `${ipv6Text(net)}/${prefix}` };
  }
  return undefined;
}

/** True when the block admits every address of its family (0.0.0.0/0, ::/0). */
export function isOpenCidr(c: Cidr): boolean {
  return c.prefix === 0;
}

function ipv6Value(address: string): bigint {
  const [head, tail] = address.includes('::') ? address.split('::') as [string, string] : [address, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((n, g) => n * 65536n + BigInt(parseInt(g, 16)), 0n);
}

function ipv6Text(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => ((value >> BigInt(16 * (7 - i))) & 0xffffn).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::').replace(/:{3,}/, '::');
}
