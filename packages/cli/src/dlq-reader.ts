import { randomBytes } from 'node:crypto';
import type { Admin, IHeaders, Kafka } from 'kafkajs';
import { dlqReaderGroupPrefix } from '@inlet/topics';
import { CliFailure, errorMessage } from './errors.js';

/** One record as Kafka holds it. */
export interface RawRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
  /** Kafka's record timestamp, epoch ms as text. */
  timestamp: string;
}

export interface ReadOptions {
  /** Give up (with a clear error) when the end is not reached within this long. */
  timeoutMs: number;
}

/**
 * Every record of a topic from the beginning to its end AS IT WAS WHEN THE READ STARTED: the high-water marks
 * are fetched first and reading stops there, so records dead-lettered meanwhile do not make the read endless.
 *
 * kafkajs cannot assign partitions without a group, so the read joins a throwaway group of its own (a unique
 * name, never a service's group), commits nothing, and deletes the group afterwards: a service's committed
 * offsets are never touched.
 */
export async function readTopicToEnd(
  kafka: Kafka,
  topic: string,
  options: ReadOptions,
): Promise<RawRecord[]> {
  const admin = kafka.admin();
  await connect(admin, topic);
  try {
    const ends = await partitionEnds(admin, topic);
    if (ends.size === 0) return [];
    // The prefix is what the replay role's Kafka ACLs grant (Read and Delete on these groups only).
    const groupId = `${dlqReaderGroupPrefix}${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    try {
      return await readWithGroup(kafka, topic, groupId, ends, options);
    } finally {
      await deleteGroup(admin, groupId);
    }
  } finally {
    await admin.disconnect();
  }
}

async function connect(admin: Admin, topic: string): Promise<void> {
  try {
    await admin.connect();
    const topics = await admin.listTopics();
    if (!topics.includes(topic)) throw new CliFailure(`Kafka topic ${topic} does not exist`);
  } catch (error) {
    await admin.disconnect();
    if (error instanceof CliFailure) throw error;
    throw new CliFailure(`cannot reach Kafka: ${errorMessage(error)}`, { cause: error });
  }
}

/** The offset just past the last record of each partition that holds any. */
async function partitionEnds(admin: Admin, topic: string): Promise<Map<number, bigint>> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(
    offsets
      .filter(({ high, low }) => BigInt(high) > BigInt(low))
      .map(({ partition, high }) => [partition, BigInt(high)] as const),
  );
}

async function readWithGroup(
  kafka: Kafka,
  topic: string,
  groupId: string,
  ends: Map<number, bigint>,
  { timeoutMs }: ReadOptions,
): Promise<RawRecord[]> {
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  const records: RawRecord[] = [];
  const remaining = new Set(ends.keys());
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new CliFailure(
              `reading ${topic} did not reach its end within ${timeoutMs / 1000} s ` +
                `(partitions left: ${[...remaining].join(', ')}); try a longer --timeout`,
            ),
          ),
        timeoutMs,
      );
      consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const end = ends.get(batch.partition);
            if (end === undefined) return;
            for (const message of batch.messages) {
              if (BigInt(message.offset) >= end) break;
              records.push({
                topic,
                partition: batch.partition,
                offset: message.offset,
                key: message.key,
                value: message.value,
                headers: message.headers ?? {},
                timestamp: message.timestamp,
              });
            }
            if (BigInt(batch.lastOffset()) + 1n >= end) {
              remaining.delete(batch.partition);
              if (remaining.size === 0) resolve();
            }
          },
        })
        .catch(reject);
    });
    return records;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}

/**
 * The throwaway group holds no offsets (nothing was committed), so Kafka may already have dropped it; any
 * other answer is not worth failing a read for.
 */
async function deleteGroup(admin: Admin, groupId: string): Promise<void> {
  try {
    await admin.deleteGroups([groupId]);
  } catch {
    // GROUP_ID_NOT_FOUND (already gone) or a transient error: an empty group expires on its own.
  }
}
