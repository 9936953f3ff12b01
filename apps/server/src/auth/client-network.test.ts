import { clientNetwork } from './client-network';

describe('clientNetwork', () => {
  it('counts an IPv4 client by its address, mapped or not', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:cb00:7107')).toBe('203.0.113.7');
    expect(clientNetwork('203.0.113.8')).not.toBe(clientNetwork('203.0.113.7'));
  });

  it('counts an IPv6 client by its /64, however the address is written', () => {
    const network = clientNetwork('2001:db8:1:2::a');
    expect(network).toBe('2001:db8:1:2::/64');
    for (const sameNetwork of [
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:0db8:0001:0002:0:0:0:1',
      '2001:DB8:1:2::b',
      '2001:db8:1:2::1%eth0',
    ])
      expect([sameNetwork, clientNetwork(sameNetwork)]).toEqual([sameNetwork, network]);
    for (const otherNetwork of ['2001:db8:1:3::a', '2001:db8:2:2::a', '::1'])
      expect([otherNetwork, clientNetwork(otherNetwork)]).not.toEqual([otherNetwork, network]);
    expect(clientNetwork('::1')).toBe('::/64');
  });

  it('leaves what is not an address as it is', () => {
    expect(clientNetwork('unknown')).toBe('unknown');
  });
});
