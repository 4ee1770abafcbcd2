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
import { createHandlers, type FetchTranscript } from './handlers/index.js';
import type { MediaMetrics } from './metrics.js';

/** Where the consumer runtime records applied event ids (created by migrations/…_processed-events.sql). */
export const processedTable = 'media.processed_events';

export interface MediaConsumerOptions {
  kafka: Kafka;
  pool: pg.Pool;
  codec: EventDecoder;
  log: RuntimeLogger;
  metrics: MediaMetrics;
  /** The guarded transcript fetch (TranscriptFetcher.fetch); its owner closes it. */
  fetchTranscript: FetchTranscript;
  /** Tests consume unique topics and groups; production uses serviceTopics('media'). */
  topics?: ServiceTopics;
}

/** The media handlers on the shared consumer runtime: one place, so main.ts and the tests wire it alike. */
export function createMediaConsumer({
  kafka,
  pool,
  codec,
  log,
  metrics,
  fetchTranscript,
  topics,
}: MediaConsumerOptions): ServiceConsumer {
  const handlers: EventHandlers = createHandlers({
    fetchTranscript,
    onStale: (type) => metrics.staleEvents.inc({ type }),
  });
  return createServiceConsumer({
    kafka,
    service: 'media',
    pool,
    processedTable,
    handlers,
    codec,
    log,
    metricsRegistry: metrics.registry,
    interceptor: tracingInterceptor('media'),
    ...(topics ? { topics } : {}),
  });
}
