import type { KafkaMessage } from 'kafkajs';
import type pg from 'pg';
import { UndecodableEventError, isEventType, type InletEvent } from '@inlet/schemas';
import type { RuntimeLogger } from '../kafka-client.js';
import type { ConsumerMetrics } from './consumer-metrics.js';
import { ConsumerError } from './consumer-errors.js';
import { isDecodeOutage, isPermanentFailure } from './failure.js';
import { withDatabaseSpan } from './tracing.js';
import { applyOnce } from './idempotency.js';
import type { MessageOutcome, ProcessInterceptor, ProcessedMessageInfo } from './interceptor.js';
import { headersAsText, integerHeader } from './message-headers.js';
import { notBeforeOf } from './not-before-gate.js';
import type { RetryRouter } from './retry-router.js';
import {
  PermanentError,
  retryHeaders,
  type EventHandler,
  type EventHandlers,
  type HandlerLogger,
} from './types.js';

export interface EventDecoder {
  decode(value: Buffer, topic?: string): Promise<InletEvent>;
}

export interface MessageProcessorOptions {
  /** 'main' for the service's topic, 'retry' for the tier topics (attempts and not-before come from headers). */
  role: 'main' | 'retry';
  consumerGroup: string;
  codec: EventDecoder;
  handlers: EventHandlers;
  pool: pg.Pool;
  processedTable: string;
  router: RetryRouter;
  interceptor: ProcessInterceptor;
  metrics: ConsumerMetrics;
  log: RuntimeLogger;
  now: () => number;
  /** Told about every durable outcome (for status()). */
  onOutcome: (outcome: MessageOutcome) => void;
}

/**
 * Takes one message to a durable outcome: decoded and applied exactly once in PostgreSQL, skipped as a
 * duplicate, or produced (and acknowledged) to its next retry tier or the DLQ. Resolves with that outcome;
 * rejects only when no outcome could be made durable (Kafka, PostgreSQL or the schema registry unavailable):
 * then the caller must not move past the message.
 */
export class MessageProcessor {
  constructor(private readonly options: MessageProcessorOptions) {}

  async process(topic: string, partition: number, message: KafkaMessage): Promise<MessageOutcome> {
    const { options } = this;
    const headers = headersAsText(message.headers);
    const info: ProcessedMessageInfo = {
      topic,
      partition,
      offset: message.offset,
      key: message.key === null ? undefined : message.key.toString('utf8'),
      headers,
      attempt: options.role === 'main' ? 1 : (integerHeader(headers, retryHeaders.attempt) ?? 2),
      eventId: headers['inlet-event-id'],
      eventType: headers['inlet-event-type'],
      consumerGroup: options.consumerGroup,
    };
    if (options.role === 'retry') {
      const notBefore = notBeforeOf(message);
      if (notBefore !== undefined) options.metrics.lateness(topic, (options.now() - notBefore) / 1000);
    }
    const started = performance.now();
    try {
      const outcome = await options.interceptor(info, () => this.processInside(info, message));
      options.metrics.outcome(topic, typeLabel(info), outcome.result, (performance.now() - started) / 1000);
      if (outcome.result === 'processed' && outcome.receivedAt !== undefined) {
        options.metrics.endToEnd(typeLabel(info), (options.now() - outcome.receivedAt) / 1000);
      }
      options.onOutcome(outcome);
      return outcome;
    } catch (error) {
      options.metrics.failure(topic, typeLabel(info), 'infrastructure');
      throw error;
    }
  }

  private async processInside(info: ProcessedMessageInfo, message: KafkaMessage): Promise<MessageOutcome> {
    let event: InletEvent;
    try {
      if (message.value === null) throw new UndecodableEventError('the record has no value (a tombstone)');
      event = await this.options.codec.decode(message.value, info.topic);
    } catch (error) {
      // Thrown, not routed: the message stays where it is and comes back once the registry answers.
      if (isDecodeOutage(error)) throw schemaRegistryUnavailable(info, error);
      return this.fail(info, message, error, true);
    }
    info.eventId = event.eventId;
    info.eventType = event.type;

    const handler = this.options.handlers[event.type] as EventHandler | undefined;
    if (!handler) {
      const error = new PermanentError('INLET_NO_HANDLER', `no handler for event type ${event.type}`);
      return this.fail(info, message, error, true);
    }
    const log = withFields(this.options.log, {
      eventId: event.eventId,
      eventType: event.type,
      topic: info.topic,
      partition: info.partition,
      offset: info.offset,
      attempt: info.attempt,
    });
    const result = await withDatabaseSpan(this.options.processedTable, () =>
      applyOnce(
        this.options.pool,
        this.options.processedTable,
        {
          eventId: event.eventId,
          eventType: event.type,
          topic: info.topic,
          partition: info.partition,
          offset: info.offset,
        },
        (tx) =>
          handler(event, {
            tx,
            attempt: info.attempt,
            topic: info.topic,
            partition: info.partition,
            offset: info.offset,
            headers: info.headers,
            log,
          }),
      ),
    );
    if (result.status === 'failed')
      return this.fail(info, message, result.error, isPermanentFailure(result.error));
    const outcome: MessageOutcome = {
      result: result.status === 'processed' ? 'processed' : 'skipped_duplicate',
      receivedAt: event.receivedAt,
    };
    if (outcome.result === 'skipped_duplicate') log.info({}, 'event already processed: skipped');
    info.outcome = outcome;
    return outcome;
  }

  private async fail(
    info: ProcessedMessageInfo,
    message: KafkaMessage,
    error: unknown,
    permanent: boolean,
  ): Promise<MessageOutcome> {
    this.options.metrics.failure(info.topic, typeLabel(info), permanent ? 'permanent' : 'retryable');
    const routed = await this.options.router.route({
      topic: info.topic,
      partition: info.partition,
      offset: info.offset,
      key: info.key ?? '',
      value: message.value ?? Buffer.alloc(0),
      headers: info.headers,
      attempt: info.attempt,
      error,
      permanent,
    });
    const fields = {
      eventId: info.eventId,
      eventType: info.eventType,
      topic: info.topic,
      partition: info.partition,
      offset: info.offset,
      attempt: info.attempt,
      destination: routed.topic,
      err: error,
    };
    if (routed.result === 'dead_lettered') this.options.log.error(fields, 'message dead-lettered');
    else this.options.log.warn(fields, 'message failed: sent to a retry tier');
    const outcome: MessageOutcome = { result: routed.result, error, destination: routed.topic };
    info.outcome = outcome;
    return outcome;
  }
}

function schemaRegistryUnavailable(info: ProcessedMessageInfo, error: unknown): ConsumerError {
  return new ConsumerError(
    'INLET_SCHEMA_REGISTRY_UNAVAILABLE',
    `could not read ${info.topic}/${info.partition}@${info.offset}: ${(error as Error).message}`,
    { retryable: true, cause: error },
  );
}

function typeLabel(info: ProcessedMessageInfo): string {
  return info.eventType !== undefined && isEventType(info.eventType) ? info.eventType : 'unknown';
}

/** A logger that adds the message's coordinates to every line (RuntimeLogger has no child()). */
function withFields(log: RuntimeLogger, fields: object): HandlerLogger {
  return {
    info: (obj, msg) => log.info({ ...fields, ...obj }, msg),
    warn: (obj, msg) => log.warn({ ...fields, ...obj }, msg),
    error: (obj, msg) => log.error({ ...fields, ...obj }, msg),
    debug: (obj, msg) => log.debug({ ...fields, ...obj }, msg),
  };
}
