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
import type { PaymentsMetrics } from './metrics.js';

/** Where the consumer runtime records applied event ids (created by migrations/…_processed-events.sql). */
export const processedTable = 'payments.processed_events';

export interface PaymentsConsumerOptions {
  kafka: Kafka;
  pool: pg.Pool;
  codec: EventDecoder;
  log: RuntimeLogger;
  metrics: PaymentsMetrics;
  /** Tests consume unique topics and groups; production uses serviceTopics('payments'). */
  topics?: ServiceTopics;
}

/** The payments handlers on the shared consumer runtime: one place, so main.ts and the tests wire it alike. */
export function createPaymentsConsumer({
  kafka,
  pool,
  codec,
  log,
  metrics,
  topics,
}: PaymentsConsumerOptions): ServiceConsumer {
  const handlers: EventHandlers = createHandlers({
    onLedgerEntry: (kind) => metrics.ledgerEntries.inc({ kind }),
  });
  return createServiceConsumer({
    kafka,
    service: 'payments',
    pool,
    processedTable,
    handlers,
    codec,
    log,
    metricsRegistry: metrics.registry,
    interceptor: tracingInterceptor('payments'),
    ...(topics ? { topics } : {}),
  });
}
