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
import type { ContentMetrics } from './metrics.js';

/** Where the consumer runtime records applied event ids (created by migrations/…_processed-events.sql). */
export const processedTable = 'content.processed_events';

export interface ContentConsumerOptions {
  kafka: Kafka;
  pool: pg.Pool;
  codec: EventDecoder;
  log: RuntimeLogger;
  metrics: ContentMetrics;
  /** Tests consume unique topics and groups; production uses serviceTopics('content'). */
  topics?: ServiceTopics;
}

/** The content handlers on the shared consumer runtime: one place, so main.ts and the tests wire it alike. */
export function createContentConsumer({
  kafka,
  pool,
  codec,
  log,
  metrics,
  topics,
}: ContentConsumerOptions): ServiceConsumer {
  const handlers: EventHandlers = createHandlers({
    onStale: (type) => metrics.staleEvents.inc({ type }),
  });
  return createServiceConsumer({
    kafka,
    service: 'content',
    pool,
    processedTable,
    handlers,
    codec,
    log,
    metricsRegistry: metrics.registry,
    interceptor: tracingInterceptor('content'),
    ...(topics ? { topics } : {}),
  });
}
