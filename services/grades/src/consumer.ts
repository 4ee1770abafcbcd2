import type { Kafka } from 'kafkajs';
import type pg from 'pg';
import {
  createServiceConsumer,
  tracingInterceptor,
  type EventDecoder,
  type EventHandlers,
  type RuntimeLogger,
  type ServiceConsumer,
} from '@inlet/kafka-runtime';
import type { ServiceTopics } from '@inlet/topics';
import { createHandlers } from './handlers/index.js';
import type { GradesMetrics } from './metrics.js';

/** Where the consumer runtime records applied event ids (created by migrations/…_processed-events.sql). */
export const processedTable = 'grades.processed_events';

export interface GradesConsumerOptions {
  kafka: Kafka;
  pool: pg.Pool;
  codec: EventDecoder;
  log: RuntimeLogger;
  metrics: GradesMetrics;
  /** Tests consume unique topics and groups; production uses serviceTopics('grades'). */
  topics?: ServiceTopics;
}

/** The grades handlers on the shared consumer runtime: one place, so main.ts and the tests wire it alike. */
export function createGradesConsumer({
  kafka,
  pool,
  codec,
  log,
  metrics,
  topics,
}: GradesConsumerOptions): ServiceConsumer {
  const handlers: EventHandlers = createHandlers({
    onStale: (type) => metrics.staleEvents.inc({ type }),
  });
  return createServiceConsumer({
    kafka,
    service: 'grades',
    pool,
    processedTable,
    handlers,
    codec,
    log,
    metricsRegistry: metrics.registry,
    interceptor: tracingInterceptor('grades'),
    ...(topics ? { topics } : {}),
  });
}
