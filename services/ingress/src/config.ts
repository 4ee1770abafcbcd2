import envSchema from 'env-schema';
import Type, { type Static } from 'typebox';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every setting of the ingress, read from the environment and validated at start-up. A setting with a `default`
 * is listed in `required` too (env-schema fills defaults in before it checks), so a variable that must really be
 * set is one that is required and has no default: KAFKA_BROKERS and INLET_SOURCES_FILE.
 */
export const configSchema = Type.Object({
  PORT: Type.Integer({ default: 8080, minimum: 0, maximum: 65535 }),
  HOST: Type.String({ default: '0.0.0.0' }),
  /** Bootstrap servers, host:port[,host:port]. */
  KAFKA_BROKERS: Type.String({ minLength: 1 }),
  /** The YAML/JSON file that lists the senders (see sources.example.yaml). */
  INLET_SOURCES_FILE: Type.String({ minLength: 1 }),
  /** Shares rate-limit counters across replicas when set; otherwise each replica counts alone. */
  REDIS_URL: Type.Optional(Type.String()),
  /** A real Confluent-compatible Schema Registry; the embedded registry when unset. */
  SCHEMA_REGISTRY_URL: Type.Optional(Type.String()),
  /** Largest accepted body in bytes (413 beyond). */
  BODY_LIMIT_BYTES: Type.Integer({ default: 1_048_576, minimum: 1 }),
  /** What the bodies of all webhooks being handled may add up to (503 beyond); at least BODY_LIMIT_BYTES. */
  MAX_IN_FLIGHT_BYTES: Type.Integer({ default: 33_554_432, minimum: 1 }),
  /** Proxies whose X-Forwarded-For is believed (comma-separated IPs/CIDRs); empty: the socket address counts. */
  TRUSTED_PROXIES: Type.String({ default: '' }),
  /** How long a request waits for Kafka's acks=all before answering 503. */
  PRODUCE_TIMEOUT_MS: Type.Integer({ default: 5_000, minimum: 100 }),
  PRODUCE_LINGER_MS: Type.Integer({ default: 2, minimum: 0 }),
  /** Retry-After (seconds) on 503. */
  RETRY_AFTER_SECONDS: Type.Integer({ default: 5, minimum: 1 }),
  /** Default replay window for schemes that sign a timestamp. */
  SIGNATURE_TOLERANCE_SECONDS: Type.Integer({ default: 300, minimum: 1 }),
  /** Failed authentications one client address may make per AUTH_FAILURE_WINDOW_SECONDS before 429. */
  AUTH_FAILURE_LIMIT: Type.Integer({ default: 30, minimum: 1 }),
  AUTH_FAILURE_WINDOW_SECONDS: Type.Integer({ default: 60, minimum: 1 }),
  // An enum, not a union of literals, so a bad value reads "must be equal to one of the allowed values".
  LOG_LEVEL: Type.Enum(logLevels, { type: 'string', default: 'info' }),
});

export type IngressConfig = Static<typeof configSchema>;

/** Throws an error naming the bad variable (env-schema reports e.g. "env must have required property 'KAFKA_BROKERS'"). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): IngressConfig {
  const config = envSchema<IngressConfig>({
    // A copy: env-schema sets additionalProperties on the schema it is given.
    schema: { ...configSchema },
    data: env,
    // Only `env` is read: env-schema would otherwise merge process.env in, and a .env file.
    env: false,
    dotenv: false,
  });
  // One body alone must fit, or a request the body limit allows could never be admitted.
  if (config.MAX_IN_FLIGHT_BYTES < config.BODY_LIMIT_BYTES) {
    throw new Error(
      `MAX_IN_FLIGHT_BYTES (${config.MAX_IN_FLIGHT_BYTES}) must be at least BODY_LIMIT_BYTES (${config.BODY_LIMIT_BYTES})`,
    );
  }
  return config;
}
