import ipaddr from 'ipaddr.js';
import { IngressError } from '../errors.js';
import type { Source } from '../sources/types.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Compiles each source's allowlist once; `check` throws 403 for an address outside it. */
export function createIpAllowlist(sources: Source[]) {
  const ranges = new Map<string, Range[]>();
  for (const source of sources) {
    if (!source.allowIps) continue;
    ranges.set(
      source.id,
      source.allowIps.map((entry) => (entry.includes('/') ? ipaddr.parseCIDR(entry) : toHostRange(entry))),
    );
  }
  return {
    check(source: Source, clientIp: string): void {
      const allowed = ranges.get(source.id);
      if (!allowed) return;
      if (!isAllowed(allowed, clientIp)) {
        throw new IngressError(
          'INLET_IP_FORBIDDEN',
          403,
          `${clientIp} is not allowed to post for source ${source.id}`,
        );
      }
    },
  };
}

function toHostRange(address: string): Range {
  const parsed = ipaddr.parse(address);
  return [parsed, parsed.kind() === 'ipv4' ? 32 : 128];
}

function isAllowed(allowed: Range[], clientIp: string): boolean {
  if (!ipaddr.isValid(clientIp)) return false;
  // An IPv4 client seen through an IPv6 socket arrives as ::ffff:a.b.c.d.
  const parsed = ipaddr.process(clientIp);
  return allowed.some(([network, bits]) => parsed.kind() === network.kind() && parsed.match(network, bits));
}
