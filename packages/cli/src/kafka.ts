import { createKafkaClient } from '@inlet/kafka-runtime';
import { createEventCodec, createRegistry, type EventCodec } from '@inlet/schemas';
import type { Kafka } from 'kafkajs';
import { UsageError } from './errors.js';

/** KAFKA_BROKERS is how every Inlet process finds Kafka; the DLQ commands cannot guess it. */
export function kafkaFromEnv(env: NodeJS.ProcessEnv, command: string): { kafka: Kafka; brokers: string[] } {
  const raw = env.KAFKA_BROKERS?.trim();
  if (!raw) {
    throw new UsageError(
      'KAFKA_BROKERS is not set: give the Kafka bootstrap servers as host:port[,host:port] ' +
        '(npm start and npm run kafka print the local address)',
      command,
    );
  }
  const brokers = raw
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  const kafka = createKafkaClient({
    brokers,
    clientId: 'inlet-cli',
    // A person is waiting: fail within seconds when the broker is unreachable instead of kafkajs' long backoff.
    config: { retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2_000 } },
  });
  return { kafka, brokers };
}

/** The codec every service reads with: the embedded registry, or SCHEMA_REGISTRY_URL when set. */
export function codecFromEnv(env: NodeJS.ProcessEnv): EventCodec {
  return createEventCodec({ registry: createRegistry(env) });
}
