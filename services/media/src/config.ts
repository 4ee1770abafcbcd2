import envSchema from 'env-schema';
import { parseHostAllowlist } from './transcripts/host-allowlist.js';
import type { TranscriptPolicy } from './transcripts/url-policy.js';

export const defaultDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Every setting of the media service, read from the environment and validated at start-up. */
export interface MediaConfig {
  PORT: number;
  HOST: string;
  KAFKA_BROKERS: string;
  DATABASE_URL: string;
  /** Connections shared by the consumer's transactions and the read API (1 against the embedded PGlite). */
  DATABASE_POOL_MAX: number;
  /** A real Confluent-compatible Schema Registry; the embedded registry when unset. */
  SCHEMA_REGISTRY_URL?: string;
  LOG_LEVEL: string;
  /** Comma-separated hosts transcripts may come from: `media.example.com`, `*.example.com`, IP literals. */
  TRANSCRIPT_HOSTS: string;
  /** Accept http:// transcript URLs besides https://. */
  TRANSCRIPT_ALLOW_HTTP: boolean;
  /** TESTS AND DEVELOPMENT ONLY: let the SSRF guard connect to loopback, private, link-local ... addresses. */
  TRANSCRIPT_ALLOW_PRIVATE_ADDRESSES: boolean;
  TRANSCRIPT_TIMEOUT_MS: number;
  TRANSCRIPT_MAX_BYTES: number;
  TRANSCRIPT_MAX_REDIRECTS: number;
}

const schema = {
  type: 'object',
  required: ['KAFKA_BROKERS'],
  properties: {
    PORT: { type: 'integer', default: 8085, minimum: 0, maximum: 65535 },
    HOST: { type: 'string', default: '0.0.0.0' },
    KAFKA_BROKERS: { type: 'string', minLength: 1 },
    DATABASE_URL: { type: 'string', minLength: 1, default: defaultDatabaseUrl },
    DATABASE_POOL_MAX: { type: 'integer', default: 10, minimum: 1 },
    SCHEMA_REGISTRY_URL: { type: 'string' },
    LOG_LEVEL: {
      type: 'string',
      default: 'info',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    },
    // Empty: no host is allowed, and every transcription is dead-lettered (fail closed).
    TRANSCRIPT_HOSTS: { type: 'string', default: '' },
    TRANSCRIPT_ALLOW_HTTP: { type: 'boolean', default: false },
    TRANSCRIPT_ALLOW_PRIVATE_ADDRESSES: { type: 'boolean', default: false },
    // The fetch runs inside the event's database transaction: this also bounds how long that stays open.
    TRANSCRIPT_TIMEOUT_MS: { type: 'integer', default: 10_000, minimum: 100, maximum: 120_000 },
    TRANSCRIPT_MAX_BYTES: {
      type: 'integer',
      default: 5 * 1024 * 1024,
      minimum: 1024,
      maximum: 64 * 1024 * 1024,
    },
    TRANSCRIPT_MAX_REDIRECTS: { type: 'integer', default: 3, minimum: 0, maximum: 10 },
  },
} as const;

/**
 * Throws an error naming the bad variable (env-schema reports e.g. "env must have required property
 * 'KAFKA_BROKERS'"; a bad TRANSCRIPT_HOSTS entry is named by parseHostAllowlist).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): MediaConfig {
  const config = envSchema<MediaConfig>({ schema, data: env, dotenv: false });
  parseHostAllowlist(config.TRANSCRIPT_HOSTS);
  return config;
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
