import type { Kafka, Producer } from 'kafkajs';
import pg from 'pg';
import { createEventCodec, EmbeddedRegistry, type EventCodec, type InletEvent } from '@inlet/schemas';
import { defaultRetryPolicy, type ServiceTopics } from '@inlet/topics';
import {
  createServiceTopics as createTopicsOf,
  createTestDatabase,
  kafkaConnection,
  uniqueName,
  type TestDatabase,
} from '@inlet/test-harness';
import {
  createKafkaClient,
  processedEventsTableSql,
  type EventHandlers,
  type RuntimeLogger,
  type ServiceConsumerOptions,
} from '../../../src/index.js';

export const codec: EventCodec = createEventCodec({ registry: new EmbeddedRegistry() });

/** Quiet unless INLET_TEST_LOG is set; errors are kept for assertions. */
export function testLogger(): RuntimeLogger & { errors: { obj: object; msg?: string }[] } {
  const verbose = Boolean(process.env.INLET_TEST_LOG);
  const errors: { obj: object; msg?: string }[] = [];
  const line = (level: string) => (obj: object, msg?: string) => {
    if (level === 'error') errors.push({ obj, msg });
    if (verbose) console.log(level, msg, obj);
  };
  return { errors, error: line('error'), warn: line('warn'), info: line('info'), debug: () => undefined };
}

/** A client on the run's broker whose kafkajs log lines go to the (quiet) test logger. */
export function testKafkaClient(): Kafka {
  return createKafkaClient({
    connection: kafkaConnection(),
    clientId: uniqueName('consumer-test'),
    logger: testLogger(),
  });
}

/** A service's topics with unique names and short tiers, so tests neither collide nor wait long. */
export function testTopics(prefix: string, tierDelaysMs: number[] = [300, 600]): ServiceTopics {
  const base = uniqueName(prefix);
  return {
    service: 'grades',
    main: `${base}.main`,
    consumerGroup: `${base}-group`,
    retryPolicy: { ...defaultRetryPolicy, maxRetries: tierDelaysMs.length },
    retryTiers: tierDelaysMs.map((delayMs) => ({ topic: `${base}.retry.${delayMs}`, delayMs })),
    dlq: `${base}.dlq`,
  };
}

/** Creates the topics of `topics`: main with `mainPartitions`, each retry tier with `tierPartitions`. */
export const createServiceTopics = (
  kafka: Kafka,
  topics: ServiceTopics,
  mainPartitions = 3,
  tierPartitions = 2,
) => createTopicsOf(kafka, topics, { mainPartitions, tierPartitions });

export interface TestSchema {
  processedTable: string;
  /** One row per handler effect, without a unique key, so a second effect would show as a second row. */
  appliedTable: string;
}

export interface DatabaseBed {
  database: TestDatabase;
  pool: pg.Pool;
  /** A fresh schema with the processed-events and applied tables. */
  schema(): Promise<TestSchema>;
  close(): Promise<void>;
}

export async function createDatabaseBed(): Promise<DatabaseBed> {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 12 });
  return {
    database,
    pool,
    async schema() {
      const name = uniqueName('s').replaceAll('-', '_');
      const schema = { processedTable: `${name}.processed_events`, appliedTable: `${name}.applied` };
      await pool.query(`CREATE SCHEMA ${name}`);
      await pool.query(processedEventsTableSql(schema.processedTable));
      await pool.query(
        `CREATE TABLE ${schema.appliedTable} (event_id text NOT NULL, attempt integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      return schema;
    },
    async close() {
      await pool.end();
      await database.drop();
    },
  };
}

/** A grade.updated event with a unique id (or the one given). */
export function gradeEvent(eventId = uniqueName('evt'), userId = 'u-1'): InletEvent<'grade.updated'> {
  const now = Date.now();
  return {
    eventId,
    type: 'grade.updated',
    source: 'test-lms',
    sourceEventName: null,
    occurredAt: now,
    receivedAt: now,
    data: {
      gradeId: null,
      userId,
      resourceLinkId: 'link-1',
      contextId: 'course-1',
      score: 85,
      maxScore: 100,
      gradingProgress: 'FullyGraded',
      comment: null,
    },
  };
}

/** Produces an event as the ingress does: Avro value, keyed by user, with the Inlet headers. */
export async function produceEvent(
  producer: Producer,
  topic: string,
  event: InletEvent,
  options: { partition?: number; headers?: Record<string, string> } = {},
): Promise<{ value: Buffer; partition: number; offset: string }> {
  const { value } = await codec.encode(event);
  const [sent] = await producer.send({
    topic,
    acks: -1,
    messages: [
      {
        key: (event.data as { userId?: string }).userId ?? event.eventId,
        value,
        partition: options.partition,
        headers: {
          'inlet-event-id': event.eventId,
          'inlet-event-type': event.type,
          'inlet-source': event.source,
          ...options.headers,
        },
      },
    ],
  });
  return { value, partition: sent!.partition, offset: sent!.baseOffset! };
}

export { readRecords, type ReadRecord } from '@inlet/test-harness';

export async function appliedRows(pool: pg.Pool, schema: TestSchema, eventId?: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM ${schema.appliedTable}${eventId ? ' WHERE event_id = $1' : ''}`,
    eventId ? [eventId] : [],
  );
  return Number(rows[0]!.n);
}

export interface ConsumerBed {
  kafka: Kafka;
  topics: ServiceTopics;
  pool: pg.Pool;
  schema: TestSchema;
  log: RuntimeLogger;
}

/** Options for a consumer under test: fast heartbeats and fetches, the real codec, quiet logs. */
export function consumerOptions(
  bed: ConsumerBed,
  handlers: EventHandlers,
  extra: Partial<ServiceConsumerOptions> = {},
): ServiceConsumerOptions {
  return {
    kafka: bed.kafka,
    service: 'grades',
    topics: bed.topics,
    pool: bed.pool,
    processedTable: bed.schema.processedTable,
    handlers,
    codec,
    log: bed.log,
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 1_000,
    fetchMaxWaitMs: 250,
    ...extra,
  };
}

/** Records an effect (one row) in the test's applied table, inside the handler's transaction. */
export async function recordEffect(tx: pg.PoolClient, schema: TestSchema, eventId: string, attempt: number) {
  await tx.query(`INSERT INTO ${schema.appliedTable} (event_id, attempt) VALUES ($1, $2)`, [
    eventId,
    attempt,
  ]);
}
