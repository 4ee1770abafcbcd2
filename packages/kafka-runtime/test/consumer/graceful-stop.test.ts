import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka, Producer } from 'kafkajs';
import { waitFor } from '@inlet/test-harness';
import { createServiceConsumer, type EventHandlers } from '../../src/index.js';
import {
  appliedRows,
  consumerOptions,
  createDatabaseBed,
  createServiceTopics,
  gradeEvent,
  produceEvent,
  recordEffect,
  testKafkaClient,
  testLogger,
  testTopics,
  type ConsumerBed,
  type DatabaseBed,
} from './support/test-bed.js';

describe('graceful stop', () => {
  let kafka: Kafka;
  let producer: Producer;
  let db: DatabaseBed;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    kafka = testKafkaClient();
    producer = kafka.producer();
    await producer.connect();
    db = await createDatabaseBed();
  });
  afterAll(async () => {
    await producer.disconnect();
    for (const cleanup of cleanups) await cleanup();
    await db.close();
  });

  /** A handler that records its effect after `delayMs`, and the ids of the events it started. */
  function slowHandler(bed: ConsumerBed, delayMs: number) {
    const started: string[] = [];
    const finished: string[] = [];
    const handlers: EventHandlers = {
      'grade.updated': async (event, context) => {
        started.push(event.eventId);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        await recordEffect(context.tx, bed.schema, event.eventId, context.attempt);
        finished.push(event.eventId);
      },
    };
    return { started, finished, handlers };
  }

  it('finishes the message in hand and commits it: the next member of the group does not apply it again', async () => {
    const topics = testTopics('stop');
    cleanups.push(await createServiceTopics(kafka, topics, 1));
    const bed = { kafka, topics, pool: db.pool, schema: await db.schema(), log: testLogger() };
    const first = slowHandler(bed, 1_000);
    const consumer = createServiceConsumer(consumerOptions(bed, first.handlers));
    await consumer.start();
    const inFlight = gradeEvent();
    await produceEvent(producer, topics.main, inFlight);
    await waitFor(() => first.started.length === 1, { what: 'the handler to start' });

    const stopping = Date.now();
    await consumer.stop(10_000);
    console.log(`graceful stop with a 1 s handler in flight took ${Date.now() - stopping} ms`);
    expect(first.finished).toEqual([inFlight.eventId]);
    expect(consumer.status()).toMatchObject({ running: false, processed: 1 });
    expect(await appliedRows(db.pool, bed.schema, inFlight.eventId)).toBe(1);

    const second = slowHandler(bed, 0);
    const successor = createServiceConsumer(consumerOptions(bed, second.handlers));
    await successor.start();
    try {
      const marker = gradeEvent();
      await produceEvent(producer, topics.main, marker);
      await waitFor(() => second.finished.includes(marker.eventId), { what: 'the marker event' });
      // Its offset was committed: the successor starts after it, not even a skipped redelivery.
      expect(second.started).toEqual([marker.eventId]);
      expect(successor.status().skipped).toBe(0);
      expect(await appliedRows(db.pool, bed.schema)).toBe(2);
    } finally {
      await successor.stop();
    }
  });

  it('abandons work past the bound without losing or duplicating it', async () => {
    const topics = testTopics('abandon');
    cleanups.push(await createServiceTopics(kafka, topics, 1));
    const bed = { kafka, topics, pool: db.pool, schema: await db.schema(), log: testLogger() };
    const first = slowHandler(bed, 1_500);
    const consumer = createServiceConsumer(consumerOptions(bed, first.handlers));
    await consumer.start();
    const event = gradeEvent();
    await produceEvent(producer, topics.main, event);
    await waitFor(() => first.started.length === 1, { what: 'the handler to start' });

    const stopping = Date.now();
    await consumer.stop(300);
    const took = Date.now() - stopping;
    expect(took).toBeLessThan(1_000);
    expect(first.finished).toEqual([]);

    // The successor gets the message again (its offset was never committed); the abandoned transaction
    // commits meanwhile, so the redelivery is a duplicate: one effect in all.
    const second = slowHandler(bed, 0);
    const successor = createServiceConsumer(consumerOptions(bed, second.handlers));
    await successor.start();
    try {
      await waitFor(() => first.finished.length === 1, { what: 'the abandoned handler to finish' });
      await waitFor(async () => (await appliedRows(db.pool, bed.schema, event.eventId)) === 1, {
        what: 'the effect',
      });
      const marker = gradeEvent();
      await produceEvent(producer, topics.main, marker);
      await waitFor(() => second.finished.includes(marker.eventId), { what: 'the marker event' });
      expect(await appliedRows(db.pool, bed.schema, event.eventId)).toBe(1);
      expect(second.finished).not.toContain(event.eventId);
    } finally {
      await successor.stop();
    }
  });
});
