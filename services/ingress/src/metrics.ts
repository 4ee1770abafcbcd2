import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The ingress's Prometheus metrics, on a registry of its own (tests build many apps in one process). */
export interface IngressMetrics {
  registry: Registry;
  requests: Counter<'family' | 'source' | 'status'>;
  requestDuration: Histogram<'family' | 'status'>;
  eventsAccepted: Counter<'source' | 'type'>;
  /** Authentic events no mapping knows, kept on inlet.unmapped.v1 and answered 202. */
  eventsUnmapped: Counter<'source' | 'event_name'>;
  produceDuration: Histogram<'topic'>;
  produceBatchSize: Histogram;
  /** Produces Kafka did not acknowledge in time (answered 503). */
  produceFailures: Counter;
  /** Requests refused with 429 because their address failed authentication too often. */
  authFailuresLimited: Counter<'family'>;
  /** The bytes of the webhook bodies being handled, against MAX_IN_FLIGHT_BYTES. */
  bytesInFlight: Gauge;
  /** Requests answered 503 because MAX_IN_FLIGHT_BYTES was spent. */
  busyRefusals: Counter;
}

export function createMetrics(): IngressMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'inlet_ingress_' });
  return {
    registry,
    requests: new Counter({
      name: 'inlet_ingress_requests_total',
      help: 'Webhook requests by route family, source and HTTP status',
      labelNames: ['family', 'source', 'status'],
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'inlet_ingress_request_duration_seconds',
      help: 'Time from request to answer, by route family and HTTP status',
      labelNames: ['family', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    eventsAccepted: new Counter({
      name: 'inlet_ingress_events_accepted_total',
      help: 'Events acknowledged by Kafka (acks=all) and answered 202, by source and canonical type',
      labelNames: ['source', 'type'],
      registers: [registry],
    }),
    eventsUnmapped: new Counter({
      name: 'inlet_ingress_events_unmapped_total',
      help:
        'Authentic events with an event name no mapping knows, kept on inlet.unmapped.v1 and answered 202, ' +
        "by source and the sender's event name ('unknown' when it does not look like one)",
      labelNames: ['source', 'event_name'],
      registers: [registry],
    }),
    produceDuration: new Histogram({
      name: 'inlet_ingress_produce_duration_seconds',
      help: 'Time from produce to Kafka acknowledgement, by topic',
      labelNames: ['topic'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    produceBatchSize: new Histogram({
      name: 'inlet_ingress_produce_batch_size',
      help: 'Records per produce request: concurrent webhooks share one acks=all request',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers: [registry],
    }),
    produceFailures: new Counter({
      name: 'inlet_ingress_produce_failures_total',
      help: 'Events Kafka did not acknowledge in time; the sender got 503 with Retry-After',
      registers: [registry],
    }),
    authFailuresLimited: new Counter({
      name: 'inlet_ingress_auth_failures_limited_total',
      help: 'Requests answered 429 because their client address failed authentication too often',
      labelNames: ['family'],
      registers: [registry],
    }),
    bytesInFlight: new Gauge({
      name: 'inlet_ingress_in_flight_bytes',
      help: 'Bytes of the webhook bodies being handled (waiting for Kafka included), bounded by MAX_IN_FLIGHT_BYTES',
      registers: [registry],
    }),
    busyRefusals: new Counter({
      name: 'inlet_ingress_busy_refusals_total',
      help: 'Webhooks answered 503 with Retry-After because MAX_IN_FLIGHT_BYTES was spent; nothing was accepted',
      registers: [registry],
    }),
  };
}
