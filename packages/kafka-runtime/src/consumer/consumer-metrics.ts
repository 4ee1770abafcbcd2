import { Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';
import type { MessageResult } from './message-info.js';

/**
 * The consumer's Prometheus metrics (every name starts with inlet_consumer_):
 *
 * - inlet_consumer_messages_total{service,topic,type,outcome}  counter; outcome = processed |
 *   skipped_duplicate | retried | dead_lettered (one per message whose outcome is durable)
 * - inlet_consumer_processing_seconds{service,topic,type}       histogram; from its batch being taken up to
 *   its durable outcome: decode + batch transaction + routing
 * - inlet_consumer_transactions_seconds{service,topic}          histogram; one batch transaction, BEGIN to COMMIT
 * - inlet_consumer_transaction_events{service,topic}            histogram; messages per batch transaction
 * - inlet_consumer_failures_total{service,topic,type,kind}      counter; kind = retryable | permanent (the
 *   message's fault, routed on) | infrastructure (Kafka, PostgreSQL or the schema registry; redelivered)
 * - inlet_consumer_retry_lateness_seconds{service,topic}        histogram; how long after its not-before a
 *   retry record was processed (the accuracy of the tier delays)
 * - inlet_consumer_retry_pauses_total{service,topic}            counter; partitions paused on a not-due head
 * - inlet_consumer_paused_partitions{service}                   gauge; retry partitions paused right now
 * - inlet_consumer_up{service,consumer}                         gauge; 1 while the main/retry consumer is
 *   a member of its group
 * - inlet_consumer_lag{service,topic,partition}                 gauge; records behind the partition's end after
 *   the last batch (main and retry topics)
 * - inlet_consumer_end_to_end_seconds{service,type}             histogram; from the ingress accepting the
 *   webhook (receivedAt) to its effect committed here
 * - inlet_consumer_dlq_depth{service}                           gauge; records held in the service's DLQ topic,
 *   read from the broker when scraped
 * - inlet_consumer_processed_events_rows{service}              gauge; rows in the processed-events table, counted
 *   after each cleanup pass (processed-events-cleanup.ts)
 * - inlet_consumer_processed_events_deleted_total{service}     counter; processed ids deleted past their
 *   retention
 * - inlet_consumer_processed_events_oldest_age_seconds{service} gauge; age of the oldest id kept (above the
 *   retention: cleanup has stalled)
 * - inlet_consumer_processed_events_retention_seconds{service}  gauge; the retention itself
 *
 * `type` is the event type, or `unknown` when the message never said a valid one.
 */
export class ConsumerMetrics {
  readonly messages: Counter<'service' | 'topic' | 'type' | 'outcome'>;
  readonly processingSeconds: Histogram<'service' | 'topic' | 'type'>;
  readonly failures: Counter<'service' | 'topic' | 'type' | 'kind'>;
  readonly retryLateness: Histogram<'service' | 'topic'>;
  readonly retryPauses: Counter<'service' | 'topic'>;
  readonly pausedPartitions: Gauge<'service'>;
  readonly up: Gauge<'service' | 'consumer'>;
  readonly lag: Gauge<'service' | 'topic' | 'partition'>;
  readonly endToEndSeconds: Histogram<'service' | 'type'>;
  readonly transactionSeconds: Histogram<'service' | 'topic'>;
  readonly transactionEvents: Histogram<'service' | 'topic'>;
  readonly dlqDepth: Gauge<'service'>;
  readonly processedEventsRows: Gauge<'service'>;
  readonly processedEventsDeleted: Counter<'service'>;
  readonly processedEventsOldestAge: Gauge<'service'>;
  readonly processedEventsRetention: Gauge<'service'>;
  /** Per service sharing the registry: how to read its DLQ depth when Prometheus scrapes. */
  private static readonly dlqDepthReaders = new WeakMap<Registry, Map<string, () => Promise<number>>>();
  private readonly registry: Registry;

  constructor(
    private readonly service: string,
    registry: Registry = new Registry(),
  ) {
    // Several consumers (tests, or one process consuming for two services) may share a registry: a metric
    // registered once is reused, labelled by service.
    const reuse = <T extends Metric>(name: string, create: () => T): T =>
      (registry.getSingleMetric(name) as T | undefined) ?? create();
    const registers = [registry];
    this.registry = registry;
    this.messages = reuse(
      'inlet_consumer_messages_total',
      () =>
        new Counter({
          name: 'inlet_consumer_messages_total',
          help: 'Messages whose outcome is durable, by outcome',
          labelNames: ['service', 'topic', 'type', 'outcome'],
          registers,
        }),
    );
    this.processingSeconds = reuse(
      'inlet_consumer_processing_seconds',
      () =>
        new Histogram({
          name: 'inlet_consumer_processing_seconds',
          help: 'Time to process one message: decode, handler transaction, retry/DLQ produce',
          labelNames: ['service', 'topic', 'type'],
          buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
          registers,
        }),
    );
    this.failures = reuse(
      'inlet_consumer_failures_total',
      () =>
        new Counter({
          name: 'inlet_consumer_failures_total',
          help: 'Failed processing attempts, by kind (retryable, permanent, infrastructure)',
          labelNames: ['service', 'topic', 'type', 'kind'],
          registers,
        }),
    );
    this.retryLateness = reuse(
      'inlet_consumer_retry_lateness_seconds',
      () =>
        new Histogram({
          name: 'inlet_consumer_retry_lateness_seconds',
          help: 'How long after its not-before time a retry record was processed',
          labelNames: ['service', 'topic'],
          buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
          registers,
        }),
    );
    this.retryPauses = reuse(
      'inlet_consumer_retry_pauses_total',
      () =>
        new Counter({
          name: 'inlet_consumer_retry_pauses_total',
          help: 'Retry partitions paused because their head record was not due yet',
          labelNames: ['service', 'topic'],
          registers,
        }),
    );
    this.pausedPartitions = reuse(
      'inlet_consumer_paused_partitions',
      () =>
        new Gauge({
          name: 'inlet_consumer_paused_partitions',
          help: 'Retry partitions paused until their head record is due',
          labelNames: ['service'],
          registers,
        }),
    );
    this.up = reuse(
      'inlet_consumer_up',
      () =>
        new Gauge({
          name: 'inlet_consumer_up',
          help: '1 while the consumer is a member of its group',
          labelNames: ['service', 'consumer'],
          registers,
        }),
    );
    this.lag = reuse(
      'inlet_consumer_lag',
      () =>
        new Gauge({
          name: 'inlet_consumer_lag',
          help: 'Records between the last processed batch and the end of the partition',
          labelNames: ['service', 'topic', 'partition'],
          registers,
        }),
    );
    this.endToEndSeconds = reuse(
      'inlet_consumer_end_to_end_seconds',
      () =>
        new Histogram({
          name: 'inlet_consumer_end_to_end_seconds',
          help: 'From the ingress accepting the webhook to its effect committed by the consumer',
          labelNames: ['service', 'type'],
          buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
          registers,
        }),
    );
    this.transactionSeconds = reuse(
      'inlet_consumer_transactions_seconds',
      () =>
        new Histogram({
          name: 'inlet_consumer_transactions_seconds',
          help: 'One batch transaction, from BEGIN to COMMIT',
          labelNames: ['service', 'topic'],
          buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
          registers,
        }),
    );
    this.transactionEvents = reuse(
      'inlet_consumer_transaction_events',
      () =>
        new Histogram({
          name: 'inlet_consumer_transaction_events',
          help: 'Messages applied together in one batch transaction',
          labelNames: ['service', 'topic'],
          buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
          registers,
        }),
    );
    this.processedEventsRows = reuse(
      'inlet_consumer_processed_events_rows',
      () =>
        new Gauge({
          name: 'inlet_consumer_processed_events_rows',
          help: 'Rows in the processed-events table, counted after each cleanup pass',
          labelNames: ['service'],
          registers,
        }),
    );
    this.processedEventsDeleted = reuse(
      'inlet_consumer_processed_events_deleted_total',
      () =>
        new Counter({
          name: 'inlet_consumer_processed_events_deleted_total',
          help: 'Processed event ids deleted because they were older than the retention',
          labelNames: ['service'],
          registers,
        }),
    );
    this.processedEventsOldestAge = reuse(
      'inlet_consumer_processed_events_oldest_age_seconds',
      () =>
        new Gauge({
          name: 'inlet_consumer_processed_events_oldest_age_seconds',
          help: 'Age of the oldest processed event id kept; above the retention, cleanup has stalled',
          labelNames: ['service'],
          registers,
        }),
    );
    this.processedEventsRetention = reuse(
      'inlet_consumer_processed_events_retention_seconds',
      () =>
        new Gauge({
          name: 'inlet_consumer_processed_events_retention_seconds',
          help: 'How long processed event ids are kept (PROCESSED_EVENTS_RETENTION_DAYS)',
          labelNames: ['service'],
          registers,
        }),
    );
    const readers = ConsumerMetrics.dlqDepthReaders.get(registry) ?? new Map<string, () => Promise<number>>();
    ConsumerMetrics.dlqDepthReaders.set(registry, readers);
    this.dlqDepth = reuse(
      'inlet_consumer_dlq_depth',
      () =>
        new Gauge({
          name: 'inlet_consumer_dlq_depth',
          help: 'Records held in the service DLQ topic (high-water minus low-water marks)',
          labelNames: ['service'],
          registers,
          // Read from the broker at scrape time, so the gauge is never staler than the scrape.
          async collect() {
            for (const [service, read] of readers) {
              try {
                this.set({ service }, await read());
              } catch {
                // Broker unreachable: keep the last value; readiness reports the outage.
              }
            }
          },
        }),
    );
  }

  outcome(topic: string, type: string, result: MessageResult, seconds: number): void {
    this.messages.inc({ service: this.service, topic, type, outcome: result });
    this.processingSeconds.observe({ service: this.service, topic, type }, seconds);
  }

  failure(topic: string, type: string, kind: 'retryable' | 'permanent' | 'infrastructure'): void {
    this.failures.inc({ service: this.service, topic, type, kind });
  }

  lateness(topic: string, seconds: number): void {
    this.retryLateness.observe({ service: this.service, topic }, Math.max(0, seconds));
  }

  paused(topic: string, pausedNow: number): void {
    this.retryPauses.inc({ service: this.service, topic });
    this.pausedPartitions.set({ service: this.service }, pausedNow);
  }

  resumed(pausedNow: number): void {
    this.pausedPartitions.set({ service: this.service }, pausedNow);
  }

  setLag(topic: string, partition: number, lag: number): void {
    this.lag.set({ service: this.service, topic, partition: String(partition) }, Math.max(0, lag));
  }

  transaction(topic: string, events: number, seconds: number): void {
    this.transactionSeconds.observe({ service: this.service, topic }, seconds);
    this.transactionEvents.observe({ service: this.service, topic }, events);
  }

  endToEnd(type: string, seconds: number): void {
    this.endToEndSeconds.observe({ service: this.service, type }, Math.max(0, seconds));
  }

  /** Registers how to read this service's DLQ depth (records held) when the registry is scraped. */
  readDlqDepthWith(read: () => Promise<number>): void {
    ConsumerMetrics.dlqDepthReaders.get(this.registry)?.set(this.service, read);
  }

  processedEvents(pass: { rows: number; deleted: number; oldestAgeSeconds: number }): void {
    this.processedEventsRows.set({ service: this.service }, pass.rows);
    this.processedEventsDeleted.inc({ service: this.service }, pass.deleted);
    this.processedEventsOldestAge.set({ service: this.service }, pass.oldestAgeSeconds);
  }

  processedEventsRetentionSeconds(seconds: number): void {
    this.processedEventsRetention.set({ service: this.service }, seconds);
  }

  member(consumer: 'main' | 'retry', joined: boolean): void {
    this.up.set({ service: this.service, consumer }, joined ? 1 : 0);
  }
}
