import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The content service's Prometheus metrics, on a registry of its own (tests build many apps in one process).
 * The consumer runtime registers its processed/failed/retried/dead-lettered counters on the same registry,
 * so one /metrics shows both.
 */
export interface ContentMetrics {
  registry: Registry;
  staleEvents: Counter<'type'>;
  requestDuration: Histogram<'route' | 'status'>;
}

export function createMetrics(): ContentMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'inlet_content_' });
  return {
    registry,
    staleEvents: new Counter({
      name: 'inlet_content_stale_events_total',
      help: 'Content and deep link events that changed nothing because a newer (content) or earlier (deep link) report was already applied',
      labelNames: ['type'],
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'inlet_content_http_request_duration_seconds',
      help: 'Read API time from request to answer, by route and HTTP status',
      labelNames: ['route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
