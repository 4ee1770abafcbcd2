import {
  KafkaSettingsError,
  createKafkaClient,
  explainKafkaConnectError,
  loadKafkaConnection,
  type KafkaConnection,
} from '@inlet/kafka-runtime';
import { createEventCodec, createRegistry, type EventCodec } from '@inlet/schemas';
import type { Kafka } from 'kafkajs';
import { UsageError } from './errors.js';

/**
 * The same KAFKA_* settings every Inlet process reads (brokers, TLS, SASL; see @inlet/kafka-connection). A
 * missing or bad one is a usage error naming the variable: the DLQ commands cannot guess them.
 */
export function kafkaFromEnv(
  env: NodeJS.ProcessEnv,
  command: string,
): { kafka: Kafka; connection: KafkaConnection } {
  let connection: KafkaConnection;
  try {
    connection = loadKafkaConnection(env);
  } catch (error) {
    if (!(error instanceof KafkaSettingsError)) throw error;
    const hint =
      error.variable === 'KAFKA_BROKERS' && !env.KAFKA_BROKERS?.trim()
        ? ' (npm start and npm run kafka print the local address)'
        : '';
    throw new UsageError(`${error.message}${hint}`, command);
  }
  const kafka = createKafkaClient({
    connection,
    clientId: 'inlet-cli',
    // A person is waiting: fail within seconds when the broker is unreachable instead of kafkajs' long backoff.
    config: { retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2_000 } },
  });
  return { kafka, connection };
}

/**
 * The setting to fix behind a failed command, when one explains it (a refused password, an untrusted CA).
 * Reads the settings again from `env` (they loaded once already, or the command failed before Kafka).
 */
export function explainKafkaFailure(error: unknown, env: NodeJS.ProcessEnv): KafkaSettingsError | undefined {
  if (!env.KAFKA_BROKERS?.trim()) return undefined;
  try {
    return explainKafkaConnectError(error, loadKafkaConnection(env));
  } catch {
    return undefined;
  }
}

/** The codec every service reads with: the embedded registry, or SCHEMA_REGISTRY_URL when set. */
export function codecFromEnv(env: NodeJS.ProcessEnv): EventCodec {
  return createEventCodec({ registry: createRegistry(env) });
}
