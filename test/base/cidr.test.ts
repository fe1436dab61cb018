import { isOpenCidr, parseCidr } from '../../src/base/cidr.js';

describe('parseCidr', () => {
  test('IPv4 and IPv6 blocks parse with their network address; the rest does not', () => {
    expect(parseCidr('10.0.1.5/16')).toEqual({ family: 4, address: '10.0.1.5', prefix: 16, network: '10.0.0.0/16' });
    expect(parseCidr('203.0.113.7/32')!.network).toBe('203.0.113.7/32');
    expect(parseCidr('2001:db8::1/32')).toEqual({ family: 6, address: '2001:db8::1', prefix: 32, network: '2001:db8::/32' });
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '256.1.1.0/24', '::/129', '::ffff:1.2.3.4/128', 'x/1', '10.0.0.0/16 ', '']) expect(parseCidr(bad)).toBeUndefined();
  });

  test('only /0 blocks are open', () => {
    expect(isOpenCidr(parseCidr('0.0.0.0/0')!)).toBe(true);
    expect(isOpenCidr(parseCidr('::/0')!)).toBe(true);
    expect(isOpenCidr(parseCidr('0.0.0.0/1')!)).toBe(false);
  });
});
