import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka, Producer } from 'kafkajs';
import pg from 'pg';
import { uniqueName, waitFor } from '@inlet/test-harness';
import { createKafkaClient, createServiceConsumer, processedEventsTableSql } from '../../src/index.js';
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
  type DatabaseBed,
} from './support/test-bed.js';

describe('start-up checks and readiness', () => {
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

  it('refuses to start when a topic is missing, naming it and the command that creates it', async () => {
    const topics = testTopics('missing-topic');
    const { retryTiers } = topics;
    // Every topic but the second tier.
    cleanups.push(await createServiceTopics(kafka, { ...topics, retryTiers: retryTiers.slice(0, 1) }));
    const schema = await db.schema();
    const consumer = createServiceConsumer(
      consumerOptions({ kafka, topics, pool: db.pool, schema, log: testLogger() }, {}),
    );
    await expect(consumer.start()).rejects.toThrow(
      `Kafka topic ${retryTiers[1]!.topic} does not exist: run npm run topics -- apply`,
    );
    expect(consumer.status()).toMatchObject({
      running: false,
      lastError: expect.stringContaining(retryTiers[1]!.topic),
    });
    await consumer.stop();
  });

  it('refuses to start when the processed-events table, the database or the broker is missing', async () => {
    const topics = testTopics('checks');
    cleanups.push(await createServiceTopics(kafka, topics, 1, 1));
    const schema = await db.schema();
    const bed = { kafka, topics, pool: db.pool, schema, log: testLogger() };

    const noTable = createServiceConsumer(
      consumerOptions(bed, {}, { processedTable: 'nowhere.processed_events' }),
    );
    await expect(noTable.start()).rejects.toThrow(
      /processed-events table nowhere\.processed_events does not exist: run the service's migrations/,
    );

    const deadPool = new pg.Pool({
      connectionString: 'postgres://postgres@127.0.0.1:1/none',
      connectionTimeoutMillis: 1_000,
    });
    const noDatabase = createServiceConsumer(consumerOptions(bed, {}, { pool: deadPool }));
    await expect(noDatabase.start()).rejects.toThrow(/^PostgreSQL is unreachable: /);
    await deadPool.end();

    const nowhere = createKafkaClient({
      connection: { brokers: ['127.0.0.1:1'], securityProtocol: 'plaintext' },
      clientId: uniqueName('unreachable'),
      config: { connectionTimeout: 300, retry: { retries: 0 } },
    });
    const noBroker = createServiceConsumer(consumerOptions(bed, {}, { kafka: nowhere }));
    await expect(noBroker.start()).rejects.toThrow(/^Kafka is unreachable: /);

    expect(() =>
      createServiceConsumer(consumerOptions(bed, {}, { processedTable: 'x; DROP TABLE y' })),
    ).toThrow(/not a plain \[schema\.\]table name/);
    expect(() =>
      createServiceConsumer(
        consumerOptions(
          bed,
          {},
          { topics: { ...topics, retryPolicy: { ...topics.retryPolicy, maxRetries: 1 } } },
        ),
      ),
    ).toThrow(/2 retry tiers but only 1 retries/);
  });

  it('is not ready while PostgreSQL refuses messages, and loses none of them', async () => {
    const topics = testTopics('outage');
    cleanups.push(await createServiceTopics(kafka, topics, 1, 1));
    const schema = await db.schema();
    const consumer = createServiceConsumer(
      consumerOptions(
        { kafka, topics, pool: db.pool, schema, log: testLogger() },
        {
          'grade.updated': (event, context) =>
            recordEffect(context.tx, schema, event.eventId, context.attempt),
        },
      ),
    );
    await consumer.start();
    try {
      expect(consumer.status().running).toBe(true);
      // The processed-events table disappears (a botched migration): not the message's fault.
      await db.pool.query(`ALTER TABLE ${schema.processedTable} RENAME TO gone`);
      const event = gradeEvent();
      await produceEvent(producer, topics.main, event);
      await waitFor(() => !consumer.status().running, { what: 'the consumer to report not ready' });
      expect(consumer.status().lastError).toMatch(/could not record event .* in .*processed_events/);

      await db.pool.query(
        `ALTER TABLE ${schema.processedTable.replace('processed_events', 'gone')} RENAME TO processed_events`,
      );
      await waitFor(() => consumer.status().processed === 1, {
        what: 'the redelivered event',
        timeoutMs: 20_000,
      });
      expect(consumer.status()).toMatchObject({ running: true, retried: 0, deadLettered: 0 });
      expect(await appliedRows(db.pool, schema, event.eventId)).toBe(1);
    } finally {
      await consumer.stop();
    }
    // The DDL the services' migrations use is idempotent.
    await db.pool.query(processedEventsTableSql(schema.processedTable));
  });
});
