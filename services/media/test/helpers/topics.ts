import type { Kafka } from 'kafkajs';
import { createTopics, uniqueName, waitFor } from '@inlet/test-harness';
import { serviceTopics, type ServiceTopics } from '@inlet/topics';

/** The media topic layout (same tiers and policy) under names no other test uses. */
export function uniqueMediaTopics(): ServiceTopics {
  const base = uniqueName('media-it');
  const declared = serviceTopics('media');
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
 * Creates the topics and returns a function that deletes them. Right after the broker starts, Kafka may answer
 * the harness' wait for leaders with UNKNOWN_TOPIC_OR_PARTITION although the topics exist; then this waits for
 * their leaders itself.
 */
export async function createMediaTopics(kafka: Kafka, topics: ServiceTopics): Promise<() => Promise<void>> {
  const specs = [
    { topic: topics.main, numPartitions: 3 },
    ...topics.retryTiers.map((tier) => ({ topic: tier.topic, numPartitions: 1 })),
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
