import envSchema from 'env-schema';

export const defaultDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Every setting of the content service, read from the environment and validated at start-up. */
export interface ContentConfig {
  PORT: number;
  HOST: string;
  KAFKA_BROKERS: string;
  DATABASE_URL: string;
  /** Connections shared by the consumer's transactions and the read API (1 against the embedded PGlite). */
  DATABASE_POOL_MAX: number;
  /** A real Confluent-compatible Schema Registry; the embedded registry when unset. */
  SCHEMA_REGISTRY_URL?: string;
  LOG_LEVEL: string;
}

const schema = {
  type: 'object',
  required: ['KAFKA_BROKERS'],
  properties: {
    PORT: { type: 'integer', default: 8083, minimum: 0, maximum: 65535 },
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
  },
} as const;

/** Throws an error naming the bad variable (env-schema reports e.g. "env must have required property 'KAFKA_BROKERS'"). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ContentConfig {
  return envSchema<ContentConfig>({ schema, data: env, dotenv: false });
}
