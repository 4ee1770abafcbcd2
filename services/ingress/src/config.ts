import envSchema from 'env-schema';

/** Every setting of the ingress, read from the environment and validated at start-up. */
export interface IngressConfig {
  PORT: number;
  HOST: string;
  KAFKA_BROKERS: string;
  /** The YAML/JSON file that lists the senders (see sources.example.yaml). */
  INLET_SOURCES_FILE: string;
  /** Shares rate-limit counters across replicas when set; otherwise each replica counts alone. */
  REDIS_URL?: string;
  /** A real Confluent-compatible Schema Registry; the embedded registry when unset. */
  SCHEMA_REGISTRY_URL?: string;
  /** Largest accepted body in bytes (413 beyond). */
  BODY_LIMIT_BYTES: number;
  /** Proxies whose X-Forwarded-For is believed (comma-separated IPs/CIDRs); empty: the socket address counts. */
  TRUSTED_PROXIES: string;
  /** How long a request waits for Kafka's acks=all before answering 503. */
  PRODUCE_TIMEOUT_MS: number;
  PRODUCE_LINGER_MS: number;
  /** Retry-After (seconds) on 503. */
  RETRY_AFTER_SECONDS: number;
  /** Failed authentications one client address may make per AUTH_FAILURE_WINDOW_SECONDS before 429. */
  AUTH_FAILURE_LIMIT: number;
  AUTH_FAILURE_WINDOW_SECONDS: number;
  /** Default replay window for schemes that sign a timestamp. */
  SIGNATURE_TOLERANCE_SECONDS: number;
  LOG_LEVEL: string;
}

const schema = {
  type: 'object',
  required: ['KAFKA_BROKERS', 'INLET_SOURCES_FILE'],
  properties: {
    PORT: { type: 'integer', default: 8080, minimum: 0, maximum: 65535 },
    HOST: { type: 'string', default: '0.0.0.0' },
    KAFKA_BROKERS: { type: 'string', minLength: 1 },
    INLET_SOURCES_FILE: { type: 'string', minLength: 1 },
    REDIS_URL: { type: 'string' },
    SCHEMA_REGISTRY_URL: { type: 'string' },
    BODY_LIMIT_BYTES: { type: 'integer', default: 1_048_576, minimum: 1 },
    TRUSTED_PROXIES: { type: 'string', default: '' },
    PRODUCE_TIMEOUT_MS: { type: 'integer', default: 5_000, minimum: 100 },
    PRODUCE_LINGER_MS: { type: 'integer', default: 2, minimum: 0 },
    RETRY_AFTER_SECONDS: { type: 'integer', default: 5, minimum: 1 },
    SIGNATURE_TOLERANCE_SECONDS: { type: 'integer', default: 300, minimum: 1 },
    AUTH_FAILURE_LIMIT: { type: 'integer', default: 30, minimum: 1 },
    AUTH_FAILURE_WINDOW_SECONDS: { type: 'integer', default: 60, minimum: 1 },
    LOG_LEVEL: {
      type: 'string',
      default: 'info',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    },
  },
} as const;

/** Throws an error naming the bad variable (env-schema reports e.g. "env must have required property 'KAFKA_BROKERS'"). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): IngressConfig {
  return envSchema<IngressConfig>({ schema, data: env, dotenv: false });
}
