import type { Kafka, KafkaMessage } from 'kafkajs';
import { serviceTopics, type ServiceName, type ServiceTopics } from '@inlet/topics';
import { createTopics, uniqueName } from './kafka.js';
import { waitFor } from './wait.js';

/** A service's topic layout (same tiers and policy) under names no other test uses. */
export function uniqueServiceTopics(service: ServiceName): ServiceTopics {
  const base = uniqueName(`${service}-it`);
  const declared = serviceTopics(service);
  return {
    ...declared,
    main: `${base}.main`,
    retryTiers: declared.retryTiers.map((tier) => ({
      topic: `${base}.retry.${tier.delayMs}`,
      delayMs: tier.delayMs,
    })),
    dlq: `${base}.dlq`,
    consumerGroup: `${base}-group`,
  };
}

/**
 * Creates a service's test topics (main with 3 partitions and each retry tier with 1, unless told otherwise; the
 * DLQ with 1) and returns a function that deletes them. Right after the broker starts, Kafka may answer the wait for leaders with
 * UNKNOWN_TOPIC_OR_PARTITION although the topics exist; then this waits for their leaders itself.
 */
export async function createServiceTopics(
  kafka: Kafka,
  topics: ServiceTopics,
  { mainPartitions = 3, tierPartitions = 1 }: { mainPartitions?: number; tierPartitions?: number } = {},
): Promise<() => Promise<void>> {
  const specs = [
    { topic: topics.main, numPartitions: mainPartitions },
    ...topics.retryTiers.map((tier) => ({ topic: tier.topic, numPartitions: tierPartitions })),
    { topic: topics.dlq, numPartitions: 1 },
  ];
  try {
    return await createTopics(kafka, specs);
  } catch {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await waitFor(
        async () => {
          const { topics: described } = await admin.fetchTopicMetadata({ topics: specs.map((s) => s.topic) });
          return described.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
        },
        { what: 'the test topics to have leaders' },
      );
    } finally {
      await admin.disconnect();
    }
    return async () => {
      const cleaner = kafka.admin();
      await cleaner.connect();
      await cleaner.deleteTopics({ topics: specs.map((s) => s.topic) }).finally(() => cleaner.disconnect());
    };
  }
}

export interface ReadRecord {
  topic: string;
  partition: number;
  message: KafkaMessage;
  key: string | null;
  /** The message's headers, as strings. */
  headers: Record<string, string>;
}

/** Reads the first `count` records of a topic (a DLQ, say) with a throwaway group; bounded by waitFor. */
export async function readRecords(kafka: Kafka, topic: string, count: number): Promise<ReadRecord[]> {
  const records: ReadRecord[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic: from, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
        records.push({ topic: from, partition, message, key: message.key?.toString() ?? null, headers });
      },
    });
    await waitFor(() => records.length >= count, { what: `${count} records on ${topic}` });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
