import type { Kafka } from 'kafkajs';
import type pg from 'pg';
import type { ServiceTopics } from '@inlet/topics';
import { ConsumerError } from './consumer-errors.js';

// PostgreSQL SQLSTATEs meaning "the table (or its schema) is not there": the migrations have not run.
const undefinedTable = '42P01';
const invalidSchemaName = '3F000';

/** Rejects with a message that names the problem when the database or the processed-events table is missing. */
export async function verifyDatabase(pool: pg.Pool, processedTable: string): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw new ConsumerError(
      'INLET_DATABASE_UNREACHABLE',
      `PostgreSQL is unreachable: ${(error as Error).message}. Start it or fix the service's database URL.`,
      { retryable: true, cause: error },
    );
  }
  try {
    await client.query(`SELECT 1 FROM ${processedTable} LIMIT 0`);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === undefinedTable || code === invalidSchemaName) {
      throw new ConsumerError(
        'INLET_PROCESSED_TABLE_MISSING',
        `the processed-events table ${processedTable} does not exist: run the service's migrations ` +
          '(they create it with processedEventsTableSql)',
        { retryable: false, cause: error },
      );
    }
    throw new ConsumerError(
      'INLET_DATABASE_UNREACHABLE',
      `PostgreSQL cannot read ${processedTable}: ${(error as Error).message}`,
      { retryable: true, cause: error },
    );
  } finally {
    client.release();
  }
}

/** Every topic the consumer reads or writes: the main topic, each retry tier, the DLQ. */
export function requiredTopics(topics: ServiceTopics): string[] {
  return [...new Set([topics.main, ...topics.retryTiers.map((tier) => tier.topic), topics.dlq])];
}

/**
 * Rejects when the cluster cannot be reached or a topic is missing. Auto-creation is off (topics are declared), so a
 * missing retry tier would otherwise only show up as failed produces on the first failure.
 */
export async function verifyTopics(kafka: Kafka, topics: ServiceTopics): Promise<void> {
  const admin = kafka.admin();
  try {
    try {
      await admin.connect();
    } catch (error) {
      throw new ConsumerError(
        'INLET_KAFKA_UNREACHABLE',
        `Kafka is unreachable: ${(error as Error).message}`,
        {
          retryable: true,
          cause: error,
        },
      );
    }
    let existing: Set<string>;
    try {
      existing = new Set(await admin.listTopics());
    } catch (error) {
      throw new ConsumerError(
        'INLET_KAFKA_UNREACHABLE',
        `Kafka did not list its topics: ${(error as Error).message}`,
        { retryable: true, cause: error },
      );
    }
    const missing = requiredTopics(topics).filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      const names = missing.join(', ');
      throw new ConsumerError(
        'INLET_TOPIC_MISSING',
        `Kafka topic${missing.length > 1 ? 's' : ''} ${names} ${missing.length > 1 ? 'do' : 'does'} not exist: ` +
          'run npm run topics -- apply',
        { retryable: false },
      );
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
