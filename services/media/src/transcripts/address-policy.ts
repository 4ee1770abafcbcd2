import { isIPv4, isIPv6 } from 'node:net';

// Which IP addresses a transcript may never be fetched from: everything that is not globally reachable
// unicast (IANA's special-purpose registries), so a URL cannot make the service reach its own host, the
// cluster's network or a cloud metadata endpoint (169.254.169.254, fd00:ec2::254).

type Range = { bits: bigint; prefix: number; width: 32 | 128; label: string };

const ipv4Ranges = parseRanges(4, [
  ['0.0.0.0/8', 'unspecified ("this network")'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'shared (carrier-grade NAT)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved (IETF protocol assignments)'],
  ['192.0.2.0/24', 'documentation'],
  ['192.88.99.0/24', 'reserved (6to4 relay)'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved (benchmarking)'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
]);

const ipv6Ranges = parseRanges(6, [
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  // The deprecated IPv4-compatible form (::a.b.c.d): nothing legitimate uses it.
  ['::/96', 'reserved (IPv4-compatible)'],
  ['64:ff9b:1::/48', 'reserved (local-use NAT64)'],
  ['100::/64', 'reserved (discard)'],
  // Includes Teredo (2001::/32), whose addresses tunnel to arbitrary IPv4 ones.
  ['2001::/23', 'reserved (IETF protocol assignments)'],
  ['2001:db8::/32', 'documentation'],
  // 6to4 embeds an IPv4 address and is deprecated.
  ['2002::/16', 'reserved (6to4)'],
  ['3fff::/20', 'documentation'],
  ['5f00::/16', 'reserved (segment routing)'],
  ['fc00::/7', 'unique-local'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local (deprecated)'],
  ['ff00::/8', 'multicast'],
]);

/** IPv6 prefixes whose last 32 bits are an IPv4 address the packet ends up at: judged as that address. */
const embeddingIpv4 = parseRanges(6, [
  ['::ffff:0:0/96', 'IPv4-mapped'],
  ['64:ff9b::/96', 'NAT64'],
]);

/**
 * Why the service must not connect to `address` (e.g. "loopback", "IPv4-mapped private"), or undefined when
 * it may. Anything that is not a valid IPv4 or IPv6 address is refused: the check fails closed.
 */
export function blockedAddressReason(address: string): string | undefined {
  // A scoped address (fe80::1%eth0) is judged without its zone.
  const bare = address.split('%', 1)[0] ?? '';
  if (isIPv4(bare)) return matchRange(ipv4Ranges, ipv4Bits(bare));
  if (!isIPv6(bare)) return 'malformed';
  const bits = ipv6Bits(bare);
  const embedding = matchRange(embeddingIpv4, bits);
  if (embedding !== undefined) {
    const inner = matchRange(ipv4Ranges, bits & 0xffff_ffffn);
    return inner === undefined ? undefined : `${embedding} ${inner}`;
  }
  return matchRange(ipv6Ranges, bits);
}

/** True for an IPv4 or IPv6 literal (without brackets): such a host is connected to without DNS. */
export function isIpLiteral(host: string): boolean {
  return isIPv4(host) || isIPv6(host);
}

function matchRange(ranges: Range[], bits: bigint): string | undefined {
  for (const range of ranges) {
    const shift = BigInt(range.width - range.prefix);
    if (bits >> shift === range.bits >> shift) return range.label;
  }
  return undefined;
}

function parseRanges(version: 4 | 6, entries: [cidr: string, label: string][]): Range[] {
  return entries.map(([cidr, label]) => {
    const [address = '', prefix = ''] = cidr.split('/');
    return version === 4
      ? { bits: ipv4Bits(address), prefix: Number(prefix), width: 32, label }
      : { bits: ipv6Bits(address), prefix: Number(prefix), width: 128, label };
  });
}

/** A valid dotted-quad IPv4 address (isIPv4 checked) as a 32-bit number. */
function ipv4Bits(address: string): bigint {
  return address.split('.').reduce((bits, octet) => (bits << 8n) | BigInt(Number(octet)), 0n);
}

/** A valid IPv6 address (isIPv6 checked), `::` and a trailing dotted quad included, as a 128-bit number. */
function ipv6Bits(address: string): bigint {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = ipv4Bits(dotted[1]);
    text = `${text.slice(0, dotted.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].reduce(
    (bits, group) => (bits << 16n) | BigInt(parseInt(group, 16)),
    0n,
  );
}
