import { clientAddressKey } from './client-address.key.js';

describe('clientAddressKey', () => {
  describe('an IPv6 address', () => {
    it.each([
      ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
      ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
      ['2001:DB8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
      ['2001:db8::1', '2001:db8:0:0::/64'],
      ['2001:db8:1:2::ffff:203.0.113.7', '2001:db8:1:2::/64'],
      ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ])('should count %s under its /64 prefix %s', (address, key) => {
      expect(clientAddressKey(address)).toBe(key);
    });

    it('should give every address of one /64 the same key, and another /64 another', () => {
      const keys = new Set(
        Array.from({ length: 1000 }, (_, i) =>
          clientAddressKey(`2001:db8:aa:bb:${i.toString(16)}:1:2:3`),
        ),
      );

      expect([...keys]).toEqual(['2001:db8:aa:bb::/64']);
      expect(clientAddressKey('2001:db8:aa:bc::1')).not.toBe(
        '2001:db8:aa:bb::/64',
      );
    });
  });

  describe('anything else', () => {
    it.each([
      ['203.0.113.7'],
      ['::ffff:203.0.113.7'],
      ['::ffff:cb00:7107'],
      ['::1'],
      ['unknown'],
      [''],
    ])('should keep %j as it is', (address) => {
      expect(clientAddressKey(address)).toBe(address);
    });

    it('should keep IPv4 clients of a dual-stack server apart', () => {
      expect(clientAddressKey('::ffff:203.0.113.7')).not.toBe(
        clientAddressKey('::ffff:203.0.113.8'),
      );
    });
  });
});
