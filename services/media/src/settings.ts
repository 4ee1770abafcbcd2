import { Type } from 'typebox';
import type { ServiceConfig } from '@inlet/service-kit';
import { parseHostAllowlist } from './transcripts/host-allowlist.js';
import type { TranscriptPolicy } from './transcripts/url-policy.js';

/** The media service's own settings, beside the ones every consumer service reads: the transcript fetcher's. */
export const transcriptSettings = {
  /**
   * Comma-separated hosts transcripts may come from: `media.example.com`, `*.example.com`, IP literals.
   * Empty: no host is allowed, and every transcription is dead-lettered (fail closed).
   */
  TRANSCRIPT_HOSTS: Type.String({ default: '' }),
  /** Accept http:// transcript URLs besides https://. */
  TRANSCRIPT_ALLOW_HTTP: Type.Boolean({ default: false }),
  /** TESTS AND DEVELOPMENT ONLY: let the SSRF guard connect to loopback, private, link-local ... addresses. */
  TRANSCRIPT_ALLOW_PRIVATE_ADDRESSES: Type.Boolean({ default: false }),
  /** The fetch runs inside the event's database transaction: this also bounds how long that stays open. */
  TRANSCRIPT_TIMEOUT_MS: Type.Integer({ default: 10_000, minimum: 100, maximum: 120_000 }),
  TRANSCRIPT_MAX_BYTES: Type.Integer({ default: 5 * 1024 * 1024, minimum: 1024, maximum: 64 * 1024 * 1024 }),
  TRANSCRIPT_MAX_REDIRECTS: Type.Integer({ default: 3, minimum: 0, maximum: 10 }),
};

export type MediaConfig = ServiceConfig<typeof transcriptSettings>;

/** What a schema cannot say: every TRANSCRIPT_HOSTS entry is a host (parseHostAllowlist names the bad one). */
export function checkTranscriptHosts(config: MediaConfig): void {
  parseHostAllowlist(config.TRANSCRIPT_HOSTS);
}

/** What the transcript fetcher may do, from the configuration. */
export function transcriptPolicy(config: MediaConfig): TranscriptPolicy {
  return {
    allowedHosts: parseHostAllowlist(config.TRANSCRIPT_HOSTS),
    allowHttp: config.TRANSCRIPT_ALLOW_HTTP,
    allowPrivateAddresses: config.TRANSCRIPT_ALLOW_PRIVATE_ADDRESSES,
    timeoutMs: config.TRANSCRIPT_TIMEOUT_MS,
    maxBytes: config.TRANSCRIPT_MAX_BYTES,
    maxRedirects: config.TRANSCRIPT_MAX_REDIRECTS,
  };
}
