import { cidrContains, cidrSubnet, formatIpv4Cidr, parseIpv4Cidr } from '../../src/base/ipv4-cidr.js';
import type { Ipv4Cidr } from '../../src/base/ipv4-cidr.js';
import { literalLayout, MAX_ZONES, MIN_SUBNET_PREFIX, PUBLIC_NEWBITS, publicNetnum, publicSubnetShape, VPC_PREFIX } from '../../src/cluster/vpc-layout.js';

const cidr = (text: string): Ipv4Cidr => {
  const p = parseIpv4Cidr(text);
  if (!p.ok) throw new Error(`${text}: ${p.problem}`);
  return p.cidr;
};

const end = (c: Ipv4Cidr) => c.address + 2 ** (32 - c.prefix);
const overlap = (a: Ipv4Cidr, b: Ipv4Cidr) => a.address < end(b) && b.address < end(a);

describe('parseIpv4Cidr', () => {
  test.each(['10.0.0.0/16', '172.16.0.0/12', '192.168.4.0/24', '0.0.0.0/0', '255.255.255.255/32'])('accepts %s and formats it back unchanged', (text) => {
    expect(formatIpv4Cidr(cidr(text))).toBe(text);
  });

  test.each([
    ['10.0.0.0/33', /prefix length \/33, above \/32/],
    ['10.0.0/16', /is not an IPv4 CIDR/],
    ['300.0.0.0/16', /octet 300, above 255/],
    ['', /is not an IPv4 CIDR/],
    ['10.0.0.0', /is not an IPv4 CIDR/],
    ['010.0.0.0/16', /is not an IPv4 CIDR/],
    ['10.0.0.0/016', /is not an IPv4 CIDR/],
    [' 10.0.0.0/16', /is not an IPv4 CIDR/],
    ['10.0.0.0/16\n', /is not an IPv4 CIDR/],
  ])('rejects %j', (text, problem) => {
    const p = parseIpv4Cidr(text);
    expect(p.ok).toBe(false);
    expect(!p.ok && p.problem).toMatch(problem);
  });

  test('an address with host bits set names its network address', () => {
    expect(parseIpv4Cidr('10.0.0.1/16')).toEqual({ ok: false, problem: expect.stringMatching(/host bits set/), networkAddress: '10.0.0.0/16' });
    expect(parseIpv4Cidr('192.168.7.130/25')).toMatchObject({ networkAddress: '192.168.7.128/25' });
  });
});

describe('cidrSubnet (Terraform cidrsubnet)', () => {
  test('carves the netnum-th subnet of newbits more', () => {
    expect(formatIpv4Cidr(cidrSubnet(cidr('10.0.0.0/16'), 3, 0))).toBe('10.0.0.0/19');
    expect(formatIpv4Cidr(cidrSubnet(cidr('10.0.0.0/16'), 3, 5))).toBe('10.0.160.0/19');
    expect(formatIpv4Cidr(cidrSubnet(cidr('10.0.0.0/16'), 6, 48))).toBe('10.0.192.0/22');
    expect(formatIpv4Cidr(cidrSubnet(cidr('172.31.0.0/16'), 8, 255))).toBe('172.31.255.0/24');
  });

  test('a netnum past the network is a RangeError (the layout never asks for one)', () => {
    expect(() => cidrSubnet(cidr('10.0.0.0/16'), 3, 8)).toThrow(RangeError);
  });
});

describe('VPC layout', () => {
  test('10.0.0.0/16 with 3 zones: /19 private subnets from the start, /22 public from the last quarter', () => {
    expect(literalLayout(cidr('10.0.0.0/16'), 3)).toEqual({
      privateCidrs: ['10.0.0.0/19', '10.0.32.0/19', '10.0.64.0/19'],
      publicCidrs: ['10.0.192.0/22', '10.0.196.0/22', '10.0.200.0/22'],
    });
  });

  test('small VPCs: public subnets stop at /28, the smallest AWS allows', () => {
    expect(literalLayout(cidr('10.1.0.0/20'), 2)).toEqual({ privateCidrs: ['10.1.0.0/23', '10.1.2.0/23'], publicCidrs: ['10.1.12.0/26', '10.1.12.64/26'] });
    expect(literalLayout(cidr('10.2.0.0/24'), 4)).toEqual({
      privateCidrs: ['10.2.0.0/27', '10.2.0.32/27', '10.2.0.64/27', '10.2.0.96/27'],
      publicCidrs: ['10.2.0.192/28', '10.2.0.208/28', '10.2.0.224/28', '10.2.0.240/28'],
    });
    expect(publicSubnetShape(24)).toEqual({ prefix: 28, capacity: 4 });
    expect(publicSubnetShape(23)).toEqual({ prefix: 28, capacity: 8 });
    expect(publicSubnetShape(16)).toEqual({ prefix: 22, capacity: 16 });
  });

  // Every accepted prefix with every zone count that fits: subnets inside the VPC, disjoint, none below /28.
  const cases: Array<[number, number]> = [];
  for (let prefix = VPC_PREFIX.min; prefix <= VPC_PREFIX.max; prefix++) {
    for (let zones = 2; zones <= MAX_ZONES; zones++) if (publicSubnetShape(prefix).capacity >= zones) cases.push([prefix, zones]);
  }
  test.each(cases)('/%i with %i zones: every subnet inside the VPC, none overlapping, none smaller than /28', (prefix, zones) => {
    for (const base of ['10.0.0.0', '172.16.0.0', '192.168.0.0']) {
      const vpc = cidr(`${base}/${prefix}`);
      const layout = literalLayout(vpc, zones);
      const subnets = [...layout.privateCidrs, ...layout.publicCidrs].map(cidr);
      expect(subnets).toHaveLength(2 * zones);
      for (const [i, s] of subnets.entries()) {
        expect(cidrContains(vpc, s)).toBe(true);
        expect(s.prefix).toBeLessThanOrEqual(MIN_SUBNET_PREFIX);
        for (const t of subnets.slice(i + 1)) expect(overlap(s, t)).toBe(false);
      }
    }
  });

  test('only /24 cannot hold 5 or 6 zones', () => {
    expect(cases).toHaveLength(9 * 5 - 2);
  });

  test('the expression used for a token CIDR gives the same public subnets as the literal layout (/16 to /22)', () => {
    for (let prefix = 16; prefix <= MIN_SUBNET_PREFIX - PUBLIC_NEWBITS; prefix++) {
      const vpc = cidr(`10.0.0.0/${prefix}`);
      const viaToken = Array.from({ length: MAX_ZONES }, (_, i) => formatIpv4Cidr(cidrSubnet(vpc, PUBLIC_NEWBITS, publicNetnum(i))));
      expect(viaToken).toEqual(literalLayout(vpc, MAX_ZONES).publicCidrs);
    }
  });
});
