import type { Kafka } from 'kafkajs';
import { createTopics, waitFor } from '@inlet/test-harness';

/**
 * createTopics, tried again when kafkajs' own wait for leaders reads the metadata before the broker knows the
 * new topic (UNKNOWN_TOPIC_OR_PARTITION, seen right after the broker starts). Safe to repeat: topics that
 * already exist are left as they are.
 */
export function createTestTopics(
  kafka: Kafka,
  topics: { topic: string; numPartitions?: number }[],
): Promise<() => Promise<void>> {
  return waitFor(() => createTopics(kafka, topics), {
    timeoutMs: 30_000,
    intervalMs: 200,
    what: `topics ${topics.map((t) => t.topic).join(', ')}`,
  });
}
