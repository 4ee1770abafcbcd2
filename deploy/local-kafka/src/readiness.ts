import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Consumer, type KafkaConfig, type Producer } from 'kafkajs';
import { LocalKafkaError } from './errors.js';

const probeTopic = '__inlet_ready';

/** Where and how to connect: bootstrap servers alone (PLAINTEXT), or with TLS and SASL settings. */
export type ReadinessTarget =
  | string[]
  | {
      client: Pick<KafkaConfig, 'brokers' | 'ssl' | 'sasl'>;
      /** A failure that waiting cannot fix (a refused password, an untrusted CA), as the error to stop with. */
      settingsError?: (error: unknown) => Error | undefined;
    };

/**
 * Waits until the broker really works for Inlet's clients: an idempotent producer's acks=all write is
 * read back by a consumer group that commits its offset. A listening port alone is not enough: the
 * group and transaction coordinators load after the socket opens, and the first clients would fail.
 */
export async function waitUntilReady(target: ReadinessTarget, timeoutMs: number): Promise<void> {
  const { client, settingsError } = Array.isArray(target) ? { client: { brokers: target } } : target;
  const brokers = Array.isArray(client.brokers) ? client.brokers : [];
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await roundTrip(client, deadline - Date.now());
      return;
    } catch (error) {
      const wrongSetting = settingsError?.(error);
      if (wrongSetting) throw wrongSetting;
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new LocalKafkaError(
    'INLET_KAFKA_NOT_READY',
    `Kafka at ${brokers.join(',')} did not accept produce and consume within ${timeoutMs} ms: ${String(lastError)}`,
    { cause: lastError },
  );
}

async function roundTrip(
  client: Pick<KafkaConfig, 'brokers' | 'ssl' | 'sasl'>,
  budgetMs: number,
): Promise<void> {
  const kafka = new Kafka({
    clientId: 'inlet-readiness',
    ...client,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    retry: { retries: 2, initialRetryTime: 100 },
  });
  const admin: Admin = kafka.admin();
  const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const groupId = `__inlet_ready_${randomUUID()}`;
  const consumer: Consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  const marker = randomUUID();
  try {
    await admin.connect();
    const topics = await admin.listTopics();
    if (!topics.includes(probeTopic)) {
      await admin.createTopics({ topics: [{ topic: probeTopic, numPartitions: 1 }], waitForLeaders: true });
    }
    await producer.connect();
    await producer.send({ topic: probeTopic, acks: -1, messages: [{ key: marker, value: marker }] });

    await consumer.connect();
    await consumer.subscribe({ topic: probeTopic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('probe message not consumed in time')), budgetMs);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ topic, partition, message }) => {
            if (message.value?.toString() !== marker) return;
            await consumer.commitOffsets([
              { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
            ]);
            clearTimeout(timer);
            resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}
