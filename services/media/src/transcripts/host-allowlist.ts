import { isIpLiteral } from './address-policy.js';

/**
 * The hosts transcripts may come from (TRANSCRIPT_HOSTS): exact names (`media.example.com`), wildcards for
 * every subdomain at any depth (`*.example.com` matches `a.example.com` and `a.b.example.com`, not
 * `example.com` itself), or IP literals (`127.0.0.1`, `::1`). Any port. Matching is on the canonical host
 * name the WHATWG URL parser gives (lower case, punycode, no trailing dot), so `Media.Example.COM.` is
 * `media.example.com`.
 */
export interface HostAllowlist {
  /** The canonical entries, for logs and the README's examples. */
  readonly entries: readonly string[];
  allows(hostname: string): boolean;
}

const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const hostName = new RegExp(`^${label}(?:\\.${label})*$`);

/** Thrown at start-up for an entry that is not a host name, a `*.` wildcard or an IP literal. */
export class HostAllowlistError extends Error {
  constructor(entry: string) {
    super(`TRANSCRIPT_HOSTS: "${entry}" is not a host name, a wildcard like *.example.com, or an IP address`);
    this.name = 'HostAllowlistError';
  }
}

/** Parses the comma-separated list; blanks are ignored, so an empty list allows nothing (fail closed). */
export function parseHostAllowlist(list: string): HostAllowlist {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const raw of list.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const wildcard = entry.startsWith('*.');
    const host = canonicalHost(wildcard ? entry.slice(2) : entry);
    if (host === undefined || (wildcard && isIpLiteral(host))) throw new HostAllowlistError(entry);
    if (wildcard) suffixes.push(`.${host}`);
    else exact.add(host);
  }
  const entries = [...exact, ...suffixes.map((suffix) => `*${suffix}`)];
  return {
    entries,
    allows: (hostname) => {
      const host = canonicalHost(hostname);
      return host !== undefined && (exact.has(host) || suffixes.some((suffix) => host.endsWith(suffix)));
    },
  };
}

/**
 * The host as a URL's `hostname` would carry it, without IPv6 brackets and without a trailing dot; undefined
 * when the text is more than a host (a port, a path, credentials) or not a host at all.
 */
export function canonicalHost(text: string): string | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  let url: URL;
  try {
    url = new URL(`http://${isIpLiteral(bare) && bare.includes(':') ? `[${bare}]` : bare}/`);
  } catch {
    return undefined;
  }
  if (url.port !== '' || url.username !== '' || url.password !== '' || url.pathname !== '/') return undefined;
  if (url.search !== '' || url.hash !== '') return undefined;
  let host = url.hostname.replace(/\.$/, '');
  if (host.startsWith('[')) host = host.slice(1, -1);
  return isIpLiteral(host) || hostName.test(host) ? host : undefined;
}
