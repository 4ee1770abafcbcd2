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
import type { MembershipMetrics } from './metrics.js';

/** Where the consumer runtime records applied event ids (created by migrations/…_processed-events.sql). */
export const processedTable = 'membership.processed_events';

export interface MembershipConsumerOptions {
  kafka: Kafka;
  pool: pg.Pool;
  codec: EventDecoder;
  log: RuntimeLogger;
  metrics: MembershipMetrics;
  /** Tests consume unique topics and groups; production uses serviceTopics('membership'). */
  topics?: ServiceTopics;
}

/** The membership handlers on the shared consumer runtime: one place, so main.ts and the tests wire it alike. */
export function createMembershipConsumer({
  kafka,
  pool,
  codec,
  log,
  metrics,
  topics,
}: MembershipConsumerOptions): ServiceConsumer {
  const handlers: EventHandlers = createHandlers({
    onOutOfOrder: (type) => metrics.outOfOrderEvents.inc({ type }),
    onUnknownRoles: (count) => metrics.unknownRoles.inc(count),
  });
  return createServiceConsumer({
    kafka,
    service: 'membership',
    pool,
    processedTable,
    handlers,
    codec,
    log,
    metricsRegistry: metrics.registry,
    interceptor: tracingInterceptor('membership'),
    ...(topics ? { topics } : {}),
  });
}
