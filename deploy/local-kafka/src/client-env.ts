import { explainKafkaConnectError, kafkaClientConfig, loadKafkaConnection } from '@inlet/kafka-connection';
import type { ReadinessTarget } from './readiness.js';

/**
 * The connection variables of @inlet/kafka-connection: what a client needs, and all that `clientEnv` may hold.
 * Secrets also come as `<NAME>_FILE`.
 */
export const connectionVariables = [
  'KAFKA_BROKERS',
  'KAFKA_SECURITY_PROTOCOL',
  'KAFKA_SSL_CA_FILE',
  'KAFKA_SSL_CERT_FILE',
  'KAFKA_SSL_KEY_FILE',
  'KAFKA_SSL_KEY_PASSWORD',
  'KAFKA_SSL_KEY_PASSWORD_FILE',
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_USERNAME_FILE',
  'KAFKA_SASL_PASSWORD',
  'KAFKA_SASL_PASSWORD_FILE',
  'KAFKA_OAUTH_TOKEN_URL',
  'KAFKA_OAUTH_CLIENT_ID',
  'KAFKA_OAUTH_CLIENT_SECRET',
  'KAFKA_OAUTH_CLIENT_SECRET_FILE',
  'KAFKA_OAUTH_SCOPE',
] as const;

/** The variables that hold a secret inline: never printed. */
export const secretVariables: ReadonlySet<string> = new Set([
  'KAFKA_SSL_KEY_PASSWORD',
  'KAFKA_SASL_PASSWORD',
  'KAFKA_OAUTH_CLIENT_SECRET',
]);

/** A PLAINTEXT broker needs nothing but its address. */
export function plaintextClientEnv(brokers: string[]): Record<string, string> {
  return { KAFKA_BROKERS: brokers.join(',') };
}

/** The local SASL_SSL listener: TLS verified against the launcher's CA, then SCRAM-SHA-512. */
export function saslSslClientEnv(
  brokers: string[],
  caFile: string,
  user: { username: string; password: string },
): Record<string, string> {
  return {
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_SECURITY_PROTOCOL: 'sasl_ssl',
    KAFKA_SSL_CA_FILE: caFile,
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: user.username,
    KAFKA_SASL_PASSWORD: user.password,
  };
}

/**
 * The client environment as a file a shell can load (`set -a; . FILE; set +a`), for commands run by hand
 * against the local broker (`inlet dlq ...`). Values are single-quoted, so paths and secrets stay literal.
 */
export function clientEnvFileText(clientEnv: Record<string, string>): string {
  const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
  return Object.entries(clientEnv)
    .map(([name, value]) => `${name}=${quote(value)}\n`)
    .join('');
}

/**
 * A cluster named by KAFKA_BROKERS: its clients need exactly the connection variables this process was given
 * (as given: a secret is never trimmed; blank ones count as unset).
 */
export function externalClientEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(
    connectionVariables.flatMap((name) => {
      const value = env[name];
      return value?.trim() ? [[name, value]] : [];
    }),
  );
}

/**
 * What the readiness probe needs from a client environment: the kafkajs settings it stands for and, for a
 * cluster we did not start, the way to tell a wrong setting (stop at once, naming the variable) from a broker
 * that is not up yet. A broker we start gets the settings we made for it, so every failure there is waited out
 * (a listener can refuse a login while the broker is still loading). Throws KafkaSettingsError on a bad variable.
 */
export function readinessTargetOf(
  clientEnv: Record<string, string>,
  { stopOnWrongSetting }: { stopOnWrongSetting: boolean },
): ReadinessTarget {
  const connection = loadKafkaConnection(clientEnv);
  return {
    client: kafkaClientConfig(connection),
    ...(stopOnWrongSetting
      ? { settingsError: (error: unknown) => explainKafkaConnectError(error, connection) }
      : {}),
  };
}
