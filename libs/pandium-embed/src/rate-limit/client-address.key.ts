import { isIPv4, isIPv6 } from 'node:net';

/** The groups of an IPv6 address that one client cannot choose: a subscriber is given a whole /64. */
const IPV6_CLIENT_PREFIX_GROUPS = 4;

/**
 * What a client's address is counted under: an IPv4 address as it is, an IPv6 address as its /64 prefix
 * (`2001:db8:1:2::/64`). One home, phone or server is given a whole /64 and may use any of its 2^64 addresses, so
 * counting full IPv6 addresses would give one client a fresh budget per request. An IPv4 address written as IPv6
 * (`::ffff:203.0.113.7`, as a dual-stack server reports IPv4 clients) stays whole, so IPv4 clients are not pooled.
 * Anything else (`unknown`, a name) is kept as it is.
 *
 * @internal
 */
export function clientAddressKey(address: string): string {
  if (isIPv4(address) || !isIPv6(address)) {
    return address;
  }
  const groups = ipv6Groups(address.split('%')[0]);
  const embedsIpv4 = groups.slice(0, 5).every((group) => group === 0);
  return embedsIpv4 && (groups[5] === 0xffff || groups[5] === 0)
    ? address
    : `${groups
        .slice(0, IPV6_CLIENT_PREFIX_GROUPS)
        .map((group) => group.toString(16))
        .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (no zone), `::` expanded and a dotted IPv4 tail split in two. */
function ipv6Groups(address: string): number[] {
  const [head, tail] = address.split('::');
  const parse = (part: string | undefined): number[] =>
    part === undefined || part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) {
            return [Number.parseInt(group, 16)];
          }
          const [a, b, c, d] = group.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const first = parse(head);
  const last = parse(tail);
  return [
    ...first,
    ...new Array<number>(8 - first.length - last.length).fill(0),
    ...last,
  ];
}
