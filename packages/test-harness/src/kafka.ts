import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { kafkaClientConfig, type KafkaConnection } from '@inlet/kafka-connection';
import './global-setup.js';

/** The bootstrap servers of the run's broker (started by the global setup). */
export function kafkaBrokers(): string[] {
  return inject('kafkaBrokers');
}

/** A name no other test uses: topics, groups and schemas never collide between files or runs. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** The run's broker as a connection: its PLAINTEXT listener, which needs no credentials. */
export function kafkaConnection(): KafkaConnection {
  return { brokers: kafkaBrokers(), securityProtocol: 'plaintext' };
}

export function testKafka(clientId = uniqueName('test')): Kafka {
  return new Kafka({ clientId, ...kafkaClientConfig(kafkaConnection()), logLevel: logLevel.WARN });
}

/** Creates topics for one test and returns a function that deletes them. */
export async function createTopics(
  kafka: Kafka,
  topics: { topic: string; numPartitions?: number }[],
): Promise<() => Promise<void>> {
  const admin: Admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics, waitForLeaders: true });
    await waitForLeaders(
      admin,
      topics.map((t) => t.topic),
    );
  } finally {
    await admin.disconnect();
  }
  return async () => {
    const cleaner = kafka.admin();
    await cleaner.connect();
    try {
      await cleaner.deleteTopics({ topics: topics.map((t) => t.topic) });
    } finally {
      await cleaner.disconnect();
    }
  };
}

/**
 * createTopics' own wait can return before every partition's leader is known to the broker's metadata (seen
 * right after the broker starts): poll the metadata, bounded, until each partition has a leader.
 */
async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      if (
        metadata.length === topics.length &&
        metadata.every((t) => t.partitions.every((p) => p.leader >= 0))
      )
        return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no leaders after 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
