import { parseHostAllowlist } from '../../src/transcripts/host-allowlist.js';
import type { TranscriptPolicy } from '../../src/transcripts/url-policy.js';

/**
 * A policy for tests against the local server: http allowed, 127.0.0.1 allow-listed and, unless a test says
 * otherwise, TRANSCRIPT_ALLOW_PRIVATE_ADDRESSES on (the test-only switch that lets the guard reach 127.0.0.1).
 */
export function localPolicy(
  overrides: Partial<Omit<TranscriptPolicy, 'allowedHosts'>> & { hosts?: string } = {},
): TranscriptPolicy {
  const { hosts = '127.0.0.1', ...rest } = overrides;
  return {
    allowedHosts: parseHostAllowlist(hosts),
    allowHttp: true,
    allowPrivateAddresses: true,
    timeoutMs: 2_000,
    maxBytes: 64 * 1024,
    maxRedirects: 3,
    ...rest,
  };
}
