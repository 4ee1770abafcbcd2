import { describe, expect, it } from 'vitest';
import { loadConfig, transcriptPolicy } from '../src/config.js';

describe('configuration', () => {
  it('needs only KAFKA_BROKERS; everything else has a default, and the SSRF guard is fully on', () => {
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092' })).toEqual({
      PORT: 8085,
      HOST: '0.0.0.0',
      KAFKA_BROKERS: '127.0.0.1:9092',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      DATABASE_POOL_MAX: 10,
      LOG_LEVEL: 'info',
      TRANSCRIPT_HOSTS: '',
      TRANSCRIPT_ALLOW_HTTP: false,
      TRANSCRIPT_ALLOW_PRIVATE_ADDRESSES: false,
      TRANSCRIPT_TIMEOUT_MS: 10_000,
      TRANSCRIPT_MAX_BYTES: 5 * 1024 * 1024,
      TRANSCRIPT_MAX_REDIRECTS: 3,
    });
  });

  it('reads the transcript policy from its variables', () => {
    const policy = transcriptPolicy(
      loadConfig({
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
    expect(() => loadConfig({})).toThrow(/KAFKA_BROKERS/);
    expect(() => loadConfig({ KAFKA_BROKERS: 'k:9092', DATABASE_POOL_MAX: '0' })).toThrow(
      /DATABASE_POOL_MAX/,
    );
    expect(() => loadConfig({ KAFKA_BROKERS: 'k:9092', TRANSCRIPT_ALLOW_HTTP: 'maybe' })).toThrow(
      /TRANSCRIPT_ALLOW_HTTP/,
    );
    expect(() => loadConfig({ KAFKA_BROKERS: 'k:9092', TRANSCRIPT_TIMEOUT_MS: '0' })).toThrow(
      /TRANSCRIPT_TIMEOUT_MS/,
    );
    expect(() =>
      loadConfig({ KAFKA_BROKERS: 'k:9092', TRANSCRIPT_HOSTS: 'https://media.example.com' }),
    ).toThrow(/TRANSCRIPT_HOSTS/);
  });
});
