import { isIPv4, isIPv6 } from 'node:net';

/**
 * The network a client address is counted under for rate limits: an IPv4 address itself, an
 * IPv6 address's /64 (one subscriber usually holds a whole /64, so counting single addresses
 * would let them rotate through 2^64 of them). IPv4-mapped IPv6 counts as the IPv4 address.
 * Anything else (`unknown`) is returned unchanged.
 */
export function addressNetwork(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  const bare = address.split('%')[0] ?? address; // a zone index (fe80::1%eth0) names no other network
  if (!isIPv6(bare)) return address;
  const [head = '', tail = ''] = bare.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = bare.includes('::') && tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::1.2.3.4) lies in the low 64 bits, which are dropped anyway.
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
