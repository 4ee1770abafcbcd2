import { blockedAddressReason, isIpLiteral } from './address-policy.js';
import { AddressBlockedError, TranscriptRefusedError } from './errors.js';
import type { HostAllowlist } from './host-allowlist.js';

/** What the service may fetch, from its configuration (config.ts, transcriptPolicy()). */
export interface TranscriptPolicy {
  allowedHosts: HostAllowlist;
  /** TRANSCRIPT_ALLOW_HTTP: plain http is accepted besides https. */
  allowHttp: boolean;
  /**
   * TRANSCRIPT_ALLOW_PRIVATE_ADDRESSES: the SSRF guard lets loopback, private, link-local ... addresses
   * through. For tests and development against a local server only; never in production.
   */
  allowPrivateAddresses: boolean;
  /** The whole fetch (connect, redirects, headers, body) must finish within this. */
  timeoutMs: number;
  /** The body is streamed and the fetch abandoned once it passes this many bytes. */
  maxBytes: number;
  /** Redirects followed, each hop checked like the first URL; 0 refuses every redirect. */
  maxRedirects: number;
}

/**
 * A URL as logs, errors and the database may show it: scheme, host and path. Never the query string or
 * credentials: signed URLs carry their signature there.
 */
export function describeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/**
 * Checks a transcript URL (the event's, or a redirect's Location) before any connection: it parses, is https
 * (or http when allowed), carries no credentials, names an allow-listed host, and, when that host is an IP
 * literal, an address the guard allows. Throws a TranscriptRefusedError (permanent) otherwise.
 *
 * Host names are only judged by the allowlist here; the addresses they resolve to are judged at connection
 * time by the guarded agent (guarded-agent.ts), on the very addresses connected to.
 */
export function checkTranscriptUrl(text: string, policy: TranscriptPolicy): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new TranscriptRefusedError('INLET_TRANSCRIPT_URL_INVALID', 'transcriptionUrl is not a URL', {
      cause: error,
    });
  }
  const shown = describeUrl(url);
  if (url.protocol === 'http:' && !policy.allowHttp) {
    throw new TranscriptRefusedError(
      'INLET_TRANSCRIPT_URL_INSECURE',
      `${shown}: transcripts are fetched over https only (TRANSCRIPT_ALLOW_HTTP is off)`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TranscriptRefusedError(
      'INLET_TRANSCRIPT_URL_INVALID',
      `a ${url.protocol} URL: transcripts are fetched over https only`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new TranscriptRefusedError(
      'INLET_TRANSCRIPT_URL_INVALID',
      `${shown}: a URL with credentials in it is refused`,
    );
  }
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (!policy.allowedHosts.allows(host)) {
    throw new TranscriptRefusedError(
      'INLET_TRANSCRIPT_HOST_NOT_ALLOWED',
      `${shown}: ${host} is not in TRANSCRIPT_HOSTS`,
    );
  }
  if (isIpLiteral(host) && !policy.allowPrivateAddresses) {
    const reason = blockedAddressReason(host);
    if (reason !== undefined) throw new AddressBlockedError(host, host, reason);
  }
  return url;
}
