import { afterAll, beforeAll, expect } from 'vitest';
import type { Kafka } from 'kafkajs';
import { kafkaBrokers, testKafka, uniqueName, waitFor } from '@inlet/test-harness';
import { runCli } from '../../src/index.js';
import { captureIo } from './capture-io.js';
import { deadLetterFixtures, writeDeadLetters, type WrittenDeadLetter } from './dead-letter-fixtures.js';
import { createTestTopics } from './test-topics.js';

export interface ConsumedRecord {
  partition: number;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/**
 * A DLQ of the test file's own on the run's broker, filled with the dead-letter fixtures before its tests, with
 * a main topic, a retry tier and an empty DLQ beside it, and the `inlet` command pointed at them. Read its
 * fields inside tests only.
 */
export function useDeadLetterBed() {
  let kafka: Kafka;
  let written: WrittenDeadLetter[];
  const name = uniqueName('cli-dlq');
  const topics = {
    dlq: `${name}.dlq`,
    main: `${name}.main`,
    retry: `${name}.retry.1000`,
    empty: `${name}.empty`,
  };
  const overrides = ['--dlq-topic', topics.dlq, '--main-topic', topics.main, '--retry-topic', topics.retry];
  let deleteTopics: () => Promise<void>;

  const env = () => ({ KAFKA_BROKERS: kafkaBrokers().join(',') });
  // A fixed clock: replay refuses dead letters older than the processed-ids retention, and the fixtures' dates are fixed.
  const commandTime = Date.parse('2026-11-23T12:00:00Z');
  async function inlet(args: string[], extra: Parameters<typeof captureIo>[0] = {}) {
    const io = captureIo({ env: env(), now: () => commandTime, ...extra });
    const code = await runCli(args, io);
    return { code, out: io.out(), err: io.err() };
  }

  beforeAll(async () => {
    kafka = testKafka();
    deleteTopics = await createTestTopics(kafka, [
      { topic: topics.dlq, numPartitions: 3 },
      { topic: topics.main, numPartitions: 3 },
      { topic: topics.retry, numPartitions: 1 },
      { topic: topics.empty, numPartitions: 1 },
    ]);
    written = await writeDeadLetters(kafka, topics.dlq, 'inlet.grades.v1', deadLetterFixtures());
  });
  afterAll(async () => {
    await deleteTopics?.();
  });

  async function endOffsets(topic: string): Promise<string[]> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(topic))
        .map(({ partition, high }) => `${partition}:${high}`)
        .sort();
    } finally {
      await admin.disconnect();
    }
  }

  /** Every record of a topic, read by an independent consumer until `count` arrived (bounded). */
  async function consumeAll(topic: string, count: number): Promise<ConsumedRecord[]> {
    const consumer = kafka.consumer({ groupId: uniqueName('cli-test-reader'), maxWaitTimeInMs: 200 });
    const records: ConsumedRecord[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          const headers: Record<string, string> = {};
          for (const [header, value] of Object.entries(message.headers ?? {}))
            headers[header] = String(value);
          records.push({ partition, key: message.key!.toString(), value: message.value!, headers });
        },
      });
      await waitFor(() => records.length >= count, { what: `${count} records on ${topic}` });
      // Anything beyond `count` would show up by the end offsets: the topic must hold exactly `count`.
      expect((await endOffsets(topic)).reduce((sum, entry) => sum + Number(entry.split(':')[1]), 0)).toBe(
        count,
      );
      return records;
    } finally {
      await consumer.disconnect();
    }
  }

  return {
    name,
    topics,
    overrides,
    commandTime,
    inlet,
    endOffsets,
    consumeAll,
    get kafka() {
      return kafka;
    },
    get written() {
      return written;
    },
    byId: (n: number) => written[n - 1]!,
  };
}
