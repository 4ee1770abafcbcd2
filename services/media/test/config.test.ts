import { describe, expect, it } from 'vitest';
import { describeServiceConfig } from '@inlet/service-kit/testing';
import { media } from '../src/service.js';
import { transcriptPolicy } from '../src/settings.js';

// Every setting has a default, and by default the SSRF guard is fully on.
describeServiceConfig(media, {
  PORT: 8085,
  TRANSCRIPT_HOSTS: '',
  TRANSCRIPT_ALLOW_HTTP: false,
  TRANSCRIPT_ALLOW_PRIVATE_ADDRESSES: false,
  TRANSCRIPT_TIMEOUT_MS: 10_000,
  TRANSCRIPT_MAX_BYTES: 5 * 1024 * 1024,
  TRANSCRIPT_MAX_REDIRECTS: 3,
});

describe('media transcript settings', () => {
  it('reads the transcript policy from its variables', () => {
    const policy = transcriptPolicy(
      media.loadConfig({
        KAFKA_BROKERS: 'k:9092',
        TRANSCRIPT_HOSTS: 'media.example.com,*.cdn.example.com',
        TRANSCRIPT_ALLOW_HTTP: 'true',
        TRANSCRIPT_ALLOW_PRIVATE_ADDRESSES: 'true',
        TRANSCRIPT_TIMEOUT_MS: '2500',
        TRANSCRIPT_MAX_BYTES: '1048576',
        TRANSCRIPT_MAX_REDIRECTS: '0',
      }),
    );
    expect(policy).toMatchObject({
      allowHttp: true,
      allowPrivateAddresses: true,
      timeoutMs: 2500,
      maxBytes: 1048576,
      maxRedirects: 0,
    });
    expect(policy.allowedHosts.allows('a.cdn.example.com')).toBe(true);
  });

  it('refuses bad values, naming the variable', () => {
    const base = { KAFKA_BROKERS: 'k:9092' };
    expect(() => media.loadConfig({ ...base, TRANSCRIPT_ALLOW_HTTP: 'maybe' })).toThrow(
      /TRANSCRIPT_ALLOW_HTTP/,
    );
    expect(() => media.loadConfig({ ...base, TRANSCRIPT_TIMEOUT_MS: '0' })).toThrow(/TRANSCRIPT_TIMEOUT_MS/);
    expect(() => media.loadConfig({ ...base, TRANSCRIPT_HOSTS: 'https://media.example.com' })).toThrow(
      /TRANSCRIPT_HOSTS/,
    );
  });
});
