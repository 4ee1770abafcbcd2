import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka, Producer } from 'kafkajs';
import { kafkaBrokers, waitFor } from '@inlet/test-harness';
import {
  codec,
  createDatabaseBed,
  createServiceTopics,
  gradeEvent,
  testKafkaClient,
  testTopics,
  type DatabaseBed,
  type TestSchema,
} from './support/test-bed.js';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/consumer-process.ts', import.meta.url));

describe('crash safety', () => {
  let kafka: Kafka;
  let producer: Producer;
  let db: DatabaseBed;
  let cleanup: () => Promise<void>;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    kafka = testKafkaClient();
    producer = kafka.producer();
    await producer.connect();
    db = await createDatabaseBed();
  });
  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await producer.disconnect();
    await cleanup?.();
    await db.close();
  });

  function startConsumerProcess(env: Record<string, string>): { child: ChildProcess; output: () => string } {
    const child = spawn(process.execPath, ['--conditions=@inlet/source', '--import', 'tsx', fixture], {
      cwd: packageDir,
      env: { ...process.env, ...env, KAFKAJS_NO_PARTITIONER_WARNING: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return { child, output: () => output };
  }

  async function counts(schema: TestSchema): Promise<{ rows: number; distinct: number }> {
    const { rows } = await db.pool.query<{ rows: number; distinct: number }>(
      `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS distinct FROM ${schema.appliedTable}`,
    );
    return rows[0]!;
  }

  it('applies every event exactly once across a SIGKILL in the middle of a batch and a restart', async () => {
    const topics = testTopics('crash');
    cleanup = await createServiceTopics(kafka, topics, 3, 1);
    const schema = await db.schema();
    const total = 200;
    const events = Array.from({ length: total }, (_, i) => gradeEvent(undefined, `user-${i % 17}`));
    const messages = await Promise.all(
      events.map(async (event) => ({
        key: event.data.userId,
        value: (await codec.encode(event)).value,
        headers: { 'inlet-event-id': event.eventId, 'inlet-event-type': event.type },
      })),
    );
    await producer.send({ topic: topics.main, acks: -1, messages });

    const env = {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      DATABASE_URL: db.database.url,
      INLET_TOPICS: JSON.stringify(topics),
      PROCESSED_TABLE: schema.processedTable,
      APPLIED_TABLE: schema.appliedTable,
      HANDLER_DELAY_MS: '20',
    };
    const first = startConsumerProcess(env);
    await waitFor(async () => (await counts(schema)).rows >= 40, {
      what: `the first process to apply some events (output: ${first.output()})`,
      timeoutMs: 20_000,
    });
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    const afterKill = await counts(schema);
    expect(afterKill.rows).toBeLessThan(total);
    expect(afterKill.distinct).toBe(afterKill.rows);

    const second = startConsumerProcess(env);
    await waitFor(async () => (await counts(schema)).distinct === total, {
      what: `every event to be applied after the restart (output: ${second.output()})`,
      timeoutMs: 25_000,
    });
    second.child.kill('SIGTERM');
    const [code] = await once(second.child, 'exit');
    expect(code).toBe(0);
    console.log(`killed after ${afterKill.rows} of ${total}; restarted: ${second.output().trim()}`);

    expect(await counts(schema)).toEqual({ rows: total, distinct: total });
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM ${schema.processedTable}`);
    expect(rows[0].n).toBe(total);
  });

  it('changes nothing when a batch is redelivered after its COMMIT but before its offsets were committed', async () => {
    const topics = testTopics('after-commit');
    const removeTopics = await createServiceTopics(kafka, topics, 1, 1);
    const previousCleanup = cleanup;
    cleanup = async () => {
      await previousCleanup?.();
      await removeTopics();
    };
    const schema = await db.schema();
    const total = 120;
    const events = Array.from({ length: total }, (_, i) => gradeEvent(undefined, `user-${i % 7}`));
    await producer.send({
      topic: topics.main,
      acks: -1,
      messages: await Promise.all(
        events.map(async (event) => ({
          key: event.data.userId,
          value: (await codec.encode(event)).value,
          headers: { 'inlet-event-id': event.eventId, 'inlet-event-type': event.type },
        })),
      ),
    });
    const env = {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      DATABASE_URL: db.database.url,
      INLET_TOPICS: JSON.stringify(topics),
      PROCESSED_TABLE: schema.processedTable,
      APPLIED_TABLE: schema.appliedTable,
      HANDLER_DELAY_MS: '0',
    };

    const first = startConsumerProcess({ ...env, KILL_AFTER_COMMITS: '1' });
    const [, signal] = await once(first.child, 'exit');
    expect(signal, `the first process killed itself after its first COMMIT (output: ${first.output()})`).toBe(
      'SIGKILL',
    );
    const afterKill = await counts(schema);
    expect(afterKill.rows).toBeGreaterThan(0);
    expect(afterKill.distinct).toBe(afterKill.rows);
    // Nothing was committed to Kafka: the group has no offset yet, so the whole batch comes back.
    const admin = kafka.admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId: topics.consumerGroup, topics: [topics.main] });
    await admin.disconnect();
    expect(committed!.partitions.map((partition) => partition.offset)).toEqual(['-1']);

    const second = startConsumerProcess(env);
    // Done when the group's offset reaches the end: the redelivered batch has been consumed again.
    const groupOffset = async () => {
      const offsets = await admin.fetchOffsets({ groupId: topics.consumerGroup, topics: [topics.main] });
      return Number(offsets[0]!.partitions[0]!.offset);
    };
    await admin.connect();
    try {
      await waitFor(async () => (await groupOffset()) === total, {
        what: `the restarted process to consume the topic to its end (output: ${second.output()})`,
        timeoutMs: 25_000,
      });
    } finally {
      await admin.disconnect();
    }
    second.child.kill('SIGTERM');
    const [code, stopSignal] = await once(second.child, 'exit');
    expect({ code, stopSignal }, second.output()).toEqual({ code: 0, stopSignal: null });
    const status = JSON.parse(/stopped (\{.*\})/.exec(second.output())![1]!) as {
      processed: number;
      skipped: number;
    };
    // The redelivered batch: every event of it a skipped duplicate, none applied twice.
    expect(status).toMatchObject({ skipped: afterKill.rows, processed: total - afterKill.rows });
    expect(await counts(schema)).toEqual({ rows: total, distinct: total });
  });
});
