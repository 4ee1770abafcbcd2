import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The media service's Prometheus metrics, on a registry of its own (tests build many apps in one process).
 * The consumer runtime registers its processed/failed/retried/dead-lettered counters on the same registry,
 * so one /metrics shows both.
 */
export interface MediaMetrics {
  registry: Registry;
  staleEvents: Counter<'type'>;
  transcriptFetches: Histogram<'outcome'>;
  requestDuration: Histogram<'route' | 'status'>;
}

export function createMetrics(): MediaMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'inlet_media_' });
  return {
    registry,
    staleEvents: new Counter({
      name: 'inlet_media_stale_events_total',
      help: 'Media events that changed nothing because a newer event for the same video was already applied',
      labelNames: ['type'],
      registers: [registry],
    }),
    // Its _count by outcome is the number of fetches: 'fetched', or the error code (INLET_TRANSCRIPT_*).
    transcriptFetches: new Histogram({
      name: 'inlet_media_transcript_fetch_duration_seconds',
      help: 'Transcript fetches, by outcome (fetched or the error code), from the first connection to the last byte',
      labelNames: ['outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'inlet_media_http_request_duration_seconds',
      help: 'Read API time from request to answer, by route and HTTP status',
      labelNames: ['route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
