import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The payments service's Prometheus metrics, on a registry of its own (tests build many apps in one process).
 * The consumer runtime registers its processed/failed/retried/dead-lettered counters on the same registry,
 * so one /metrics shows both.
 */
export interface PaymentsMetrics {
  registry: Registry;
  ledgerEntries: Counter<'kind'>;
  requestDuration: Histogram<'route' | 'status'>;
}

export function createMetrics(): PaymentsMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'inlet_payments_' });
  return {
    registry,
    ledgerEntries: new Counter({
      name: 'inlet_payments_ledger_entries_total',
      help:
        'Ledger entries written, by kind: capture, refund, failure, and duplicate_capture / duplicate_refund ' +
        '(reports that moved no money, e.g. the several Stripe events of one payment)',
      labelNames: ['kind'],
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'inlet_payments_http_request_duration_seconds',
      help: 'Read API time from request to answer, by route and HTTP status',
      labelNames: ['route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
