import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kafka, Producer } from 'kafkajs';
import pino, { type Level } from 'pino';
import type { TProperties } from 'typebox';
import type { ServiceConsumer } from '@inlet/kafka-runtime';
import { createEventCodec, EmbeddedRegistry, partitionKey, type InletEvent } from '@inlet/schemas';
import {
  createMigratedDatabase,
  createServiceTopics,
  testKafka,
  uniqueServiceTopics,
  type MigratedDatabase,
} from '@inlet/test-harness';
import type { ServiceTopics } from '@inlet/topics';
import type { ConsumerService } from '../consumer-service/define-consumer-service.js';
import type { ServiceMetrics } from '../consumer-service/service-metrics.js';

/** A consumer service running for real in a test: its own database, its own topics, the real runtime. */
export interface ConsumerUnderTest<Metrics> {
  db: MigratedDatabase;
  kafka: Kafka;
  topics: ServiceTopics;
  metrics: ServiceMetrics<Metrics>;
  consumer: ServiceConsumer;
  /** Its read API, built and not listening: use inject() through get(). */
  app: FastifyInstance;
  /** Produces as the ingress does: Avro in the Confluent wire format, keyed by partitionKey, with the id headers. */
  produce(...events: InletEvent[]): Promise<void>;
  get(url: string): Promise<LightMyRequestResponse>;
  /** Messages the consumer has finished with: applied or skipped as already applied. */
  handled(): number;
  close(): Promise<void>;
}

export interface ConsumerUnderTestOptions<Dependencies> {
  /** What the service's handlers need (media's transcript fetcher). */
  dependencies?: Dependencies;
  /** Failures a test provokes on purpose log at warn or error; raise the level to keep them out. */
  logLevel?: Level | 'silent';
}

/**
 * Starts a defined service's consumer on unique topics against a migrated database of the test's own, with its
 * read API beside it. Call close() in afterAll, or let useConsumerUnderTest do both.
 */
export async function startConsumerUnderTest<Own extends TProperties, Metrics, Dependencies>(
  service: ConsumerService<Own, Metrics, Dependencies>,
  { dependencies, logLevel = 'warn' }: ConsumerUnderTestOptions<Dependencies> = {},
): Promise<ConsumerUnderTest<Metrics>> {
  const codec = createEventCodec({ registry: new EmbeddedRegistry() });
  const db = await createMigratedDatabase((pool) => service.migrate(pool));
  const kafka = testKafka();
  const topics = uniqueServiceTopics(service.name);
  const deleteTopics = await createServiceTopics(kafka, topics);
  const producer: Producer = kafka.producer({ idempotent: true });
  await producer.connect();
  const metrics = service.createMetrics();
  const consumer = service.createConsumer({
    kafka,
    pool: db.pool,
    codec,
    log: pino({ level: logLevel }),
    metrics,
    topics,
    dependencies: dependencies as Dependencies,
  });
  await consumer.start();
  const app = await service.buildApp({ pool: db.pool, consumerStatus: () => consumer.status(), metrics });

  return {
    db,
    kafka,
    topics,
    metrics,
    consumer,
    app,
    async produce(...events) {
      await producer.send({
        topic: topics.main,
        acks: -1,
        messages: await Promise.all(
          events.map(async (event) => ({
            key: partitionKey(event),
            value: (await codec.encode(event)).value,
            headers: {
              'inlet-event-id': event.eventId,
              'inlet-event-type': event.type,
              'inlet-source': event.source,
            },
          })),
        ),
      });
    },
    get: (url) => app.inject({ method: 'GET', url }),
    handled() {
      const status = consumer.status();
      return status.processed + status.skipped;
    },
    async close() {
      await app.close();
      await consumer.stop();
      await producer.disconnect();
      await deleteTopics();
      await db.close();
    },
  };
}
