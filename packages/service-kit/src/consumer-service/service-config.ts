import envSchema from 'env-schema';
import Type, { type Static, type TObject, type TProperties } from 'typebox';

export const defaultDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The settings every consumer service reads; a service adds its own beside them. */
export function sharedSettings(port: number) {
  return {
    PORT: Type.Integer({ default: port, minimum: 0, maximum: 65535 }),
    HOST: Type.String({ default: '0.0.0.0' }),
    KAFKA_BROKERS: Type.String({ minLength: 1 }),
    DATABASE_URL: Type.String({ minLength: 1, default: defaultDatabaseUrl }),
    /** Connections shared by the consumer's transactions and the read API. */
    DATABASE_POOL_MAX: Type.Integer({ default: 10, minimum: 1 }),
    /** A real Confluent-compatible Schema Registry; the embedded registry when unset. */
    SCHEMA_REGISTRY_URL: Type.Optional(Type.String()),
    LOG_LEVEL: Type.Union(
      logLevels.map((level) => Type.Literal(level)),
      { default: 'info' },
    ),
  };
}

export type SharedSettings = ReturnType<typeof sharedSettings>;

/** A service's whole configuration schema: the shared settings and its own. */
export type ServiceConfigSchema<Own extends TProperties> = TObject<SharedSettings & Own>;

/** The shared settings as read; known inside the kit whatever a service adds. */
export type SharedConfig = Static<TObject<SharedSettings>>;

export type ServiceConfig<Own extends TProperties> = SharedConfig & Static<TObject<Own>>;

export function serviceConfigSchema<Own extends TProperties>(
  port: number,
  own: Own,
): ServiceConfigSchema<Own> {
  // Only KAFKA_BROKERS has no default: everything else may be left unset.
  return Type.Object({ ...sharedSettings(port), ...own }) as ServiceConfigSchema<Own>;
}

/** Throws an error naming the bad variable (env-schema says e.g. "env must have required property 'KAFKA_BROKERS'"). */
export function loadServiceConfig<Own extends TProperties>(
  schema: ServiceConfigSchema<Own>,
  env: NodeJS.ProcessEnv,
): ServiceConfig<Own> {
  return envSchema<ServiceConfig<Own>>({
    // A copy: env-schema sets additionalProperties on the schema it is given.
    schema: { ...schema },
    data: env,
    // Only `env` is read: env-schema would otherwise merge process.env in, and a .env file.
    env: false,
    dotenv: false,
  });
}
