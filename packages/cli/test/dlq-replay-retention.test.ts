import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka } from 'kafkajs';
import { kafkaBrokers, testKafka, uniqueName, waitFor } from '@inlet/test-harness';
import { createTestTopics } from './support/test-topics.js';
import { runCli } from '../src/index.js';
import { captureIo } from './support/capture-io.js';
import {
  deadLetterFixtures,
  gradeEvent,
  writeDeadLetters,
  type DeadLetterFixture,
  type WrittenDeadLetter,
} from './support/dead-letter-fixtures.js';

const day = 24 * 60 * 60 * 1000;
/** The command's clock: the fixtures' ages are counted from here. */
const now = Date.parse('2026-12-20T12:00:00Z');

/** A grade.updated dead letter whose event the ingress received `ageDays` before `now`. */
function receivedDaysAgo(eventId: string, userId: string, ageDays: number): DeadLetterFixture {
  const template = deadLetterFixtures()[0]!;
  const receivedAt = now - ageDays * day;
  const event = { ...gradeEvent(eventId, 'grade.updated', userId), occurredAt: receivedAt, receivedAt };
  return { ...template, event, eventId, key: userId, deadLetteredAt: now - 2 * day };
}

// A consumer forgets a processed id after its retention (37 days by default): replaying an event older than
// that could apply it twice, so replay refuses such dead letters unless --force.
describe('inlet dlq replay and the processed-ids retention', () => {
  let kafka: Kafka;
  let old: WrittenDeadLetter;
  let recent: WrittenDeadLetter;
  const name = uniqueName('cli-replay-retention');
  const topics = {
    dlq: `${name}.dlq`,
    refused: `${name}.main-refused`,
    forced: `${name}.main-forced`,
    longer: `${name}.main-longer`,
  };
  let deleteTopics: () => Promise<void>;

  async function replay(mainTopic: string, ...args: string[]) {
    const io = captureIo({ env: { KAFKA_BROKERS: kafkaBrokers().join(',') }, now: () => now });
    const code = await runCli(
      ['dlq', 'replay', 'grades', '--dlq-topic', topics.dlq, '--main-topic', mainTopic, ...args],
      io,
    );
    return { code, out: io.out(), err: io.err() };
  }

  beforeAll(async () => {
    kafka = testKafka();
    deleteTopics = await createTestTopics(kafka, [
      { topic: topics.dlq, numPartitions: 1 },
      { topic: topics.refused, numPartitions: 1 },
      { topic: topics.forced, numPartitions: 1 },
      { topic: topics.longer, numPartitions: 1 },
    ]);
    const written = await writeDeadLetters(kafka, topics.dlq, 'inlet.grades.v1', [
      receivedDaysAgo('0b0b0b0b-0000-8000-8000-000000000001', 'user-old', 60),
      receivedDaysAgo('0b0b0b0b-0000-8000-8000-000000000002', 'user-recent', 3),
    ]);
    old = written[0]!;
    recent = written[1]!;
  });
  afterAll(async () => {
    await deleteTopics?.();
  });

  const cutoff = '2026-11-13T12:00:00Z'; // now minus 37 days

  it('refuses a dead letter older than the retention without --force, naming it and the cutoff', async () => {
    const refused = await replay(topics.refused, '--yes');
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      `inlet: refusing to replay 1 dead letter received before ${cutoff}, longer ago than the 37-day ` +
        `processed-ids retention of grades: ${old.partition}:${old.offset} ${old.eventId}. grades may have ` +
        'forgotten its id and would then apply the event a second time if it was applied before. Narrow the ' +
        'filters to leave them out (e.g. --event-id), or pass --force to replay them anyway\n',
    );
    expect(await eventIdsOn(topics.refused, 0)).toEqual([]);

    const dryRun = await replay(topics.refused, '--dry-run');
    expect(dryRun.code).toBe(0);
    expect(dryRun.out).toContain(
      `1 of them was received before ${cutoff}, longer ago than the 37-day processed-ids retention of ` +
        `grades: replay refuses it without --force (${old.partition}:${old.offset} ${old.eventId})`,
    );

    // Narrowed to the recent one, the replay goes ahead.
    const narrowed = await replay(topics.refused, '--event-id', recent.eventId, '--yes');
    expect(narrowed.code).toBe(0);
    expect(await eventIdsOn(topics.refused, 1)).toEqual([recent.eventId]);
  });

  it('replays it with --force, and warns that it may be applied again', async () => {
    const forced = await replay(topics.forced, '--yes', '--force');
    expect(forced.code).toBe(0);
    expect(forced.err).toContain('inlet: --force: replaying 1 dead letter received before');
    expect(forced.out).toContain(`replayed 2 dead letters to ${topics.forced}`);
    expect((await eventIdsOn(topics.forced, 2)).sort()).toEqual([old.eventId, recent.eventId].sort());
  });

  it('takes the service retention from --processed-retention-days', async () => {
    const longer = await replay(topics.longer, '--yes', '--processed-retention-days', '90');
    expect(longer).toMatchObject({ code: 0, err: '' });
    expect((await eventIdsOn(topics.longer, 2)).sort()).toEqual([old.eventId, recent.eventId].sort());

    const bad = await replay(topics.longer, '--yes', '--processed-retention-days', '0');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--processed-retention-days must be a whole number of at least 1, not "0"');
  });

  async function recordsOn(topic: string): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(topic)).reduce((sum, { high }) => sum + Number(high), 0);
    } finally {
      await admin.disconnect();
    }
  }

  /** The inlet-event-id of every record on a topic, which must hold exactly `count`. */
  async function eventIdsOn(topic: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    if (count > 0) {
      const consumer = kafka.consumer({ groupId: uniqueName('cli-test-reader'), maxWaitTimeInMs: 200 });
      await consumer.connect();
      try {
        await consumer.subscribe({ topics: [topic], fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ message }) => {
            ids.push(String(message.headers?.['inlet-event-id']));
          },
        });
        await waitFor(() => ids.length >= count, { what: `${count} records on ${topic}` });
      } finally {
        await consumer.disconnect();
      }
    }
    expect(await recordsOn(topic)).toBe(count);
    return ids;
  }
});
