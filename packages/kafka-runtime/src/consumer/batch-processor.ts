import type { KafkaMessage } from 'kafkajs';
import type pg from 'pg';
import { UndecodableEventError, isEventType, type InletEvent } from '@inlet/schemas';
import type { RuntimeLogger } from '../kafka-client.js';
import { applyBatch, type ItemResult, type TransactionItem } from './batch-transaction.js';
import type { ConsumerMetrics } from './consumer-metrics.js';
import { ConsumerError } from './consumer-errors.js';
import { isDecodeOutage, isPermanentFailure } from './failure.js';
import type { MessageOutcome, MessageTrace, MessageTracing, ProcessedMessageInfo } from './message-info.js';
import { headersAsText, integerHeader } from './message-headers.js';
import { notBeforeOf } from './not-before-gate.js';
import type { RetryRouter } from './retry-router.js';
import {
  PermanentError,
  retryHeaders,
  type AnyEventHandler,
  type EventHandlers,
  type HandlerLogger,
} from './types.js';

export interface EventDecoder {
  decode(value: Buffer, topic?: string): Promise<InletEvent>;
}

export interface BatchProcessorOptions {
  /** 'main' for the service's topic, 'retry' for the tier topics (attempts and not-before come from headers). */
  role: 'main' | 'retry';
  consumerGroup: string;
  codec: EventDecoder;
  handlers: EventHandlers;
  pool: pg.Pool;
  processedTable: string;
  router: RetryRouter;
  tracing: MessageTracing;
  metrics: ConsumerMetrics;
  log: RuntimeLogger;
  now: () => number;
  /** Told about every durable outcome (for status()). */
  onOutcome: (outcome: MessageOutcome) => void;
}

/** How far a batch got: its first `durable` messages have durable outcomes; `error` stopped the rest. */
export interface BatchProgress {
  durable: number;
  error?: unknown;
}

/** One message on its way through a batch. */
interface Entry {
  message: KafkaMessage;
  info: ProcessedMessageInfo;
  trace: MessageTrace;
  log: HandlerLogger;
  event?: InletEvent;
  /** Why it fails before any transaction (undecodable, no handler): routed on. */
  failure?: { error: unknown; permanent: boolean };
}

/**
 * Takes consecutive messages of one partition to durable outcomes: decodes them, applies the new events in
 * ONE transaction (batch-transaction.ts), then produces each failed one (and acknowledged) to its next retry
 * tier or the DLQ. Messages are never reordered: outcomes are durable for a prefix of the batch, and the
 * caller resolves offsets up to it and no further.
 *
 * What stops a batch short is never a message's fault: the schema registry, PostgreSQL or Kafka could not be
 * reached. Everything after the durable prefix is then redelivered; applied events come back as duplicates.
 */
export class BatchProcessor {
  constructor(private readonly options: BatchProcessorOptions) {}

  async process(topic: string, partition: number, messages: readonly KafkaMessage[]): Promise<BatchProgress> {
    const started = performance.now();
    const entries = messages.map((message) => this.entryOf(topic, partition, message));
    let progress = await this.decodeAll(entries);
    const decoded = entries.slice(0, progress.durable);
    let results: ItemResult[] = [];
    try {
      results = await this.applyAll(topic, decoded);
    } catch (error) {
      progress = { durable: 0, error };
    }
    const outcomes: MessageOutcome[] = [];
    for (const [index, entry] of decoded.slice(0, progress.durable).entries()) {
      try {
        outcomes.push(await this.outcomeOf(entry, results[index]));
      } catch (error) {
        progress = { durable: index, error };
        break;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    entries.forEach((entry, index) => {
      const outcome = outcomes[index];
      if (outcome) this.report(entry, outcome, seconds);
      else this.options.metrics.failure(topic, typeLabel(entry.info), 'infrastructure');
      entry.trace.end(outcome ? undefined : (progress.error ?? new Error('not processed: redelivered')));
    });
    return progress;
  }

  private entryOf(topic: string, partition: number, message: KafkaMessage): Entry {
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
    return { message, info, trace: options.tracing.start(info), log: options.log };
  }

  /** Decodes every message; stops at the first that cannot be decoded for want of the schema registry. */
  private async decodeAll(entries: Entry[]): Promise<BatchProgress> {
    for (const [index, entry] of entries.entries()) {
      try {
        await entry.trace.inMessage(() => this.decode(entry));
      } catch (error) {
        return { durable: index, error };
      }
    }
    return { durable: entries.length };
  }

  private async decode(entry: Entry): Promise<void> {
    const { info, message } = entry;
    let event: InletEvent;
    try {
      if (message.value === null) throw new UndecodableEventError('the record has no value (a tombstone)');
      event = await this.options.codec.decode(message.value, info.topic);
    } catch (error) {
      // Thrown, not routed: the message stays where it is and comes back once the registry answers.
      if (isDecodeOutage(error)) throw schemaRegistryUnavailable(info, error);
      entry.failure = { error, permanent: true };
      return;
    }
    info.eventId = event.eventId;
    info.eventType = event.type;
    entry.event = event;
    entry.log = withFields(this.options.log, {
      eventId: event.eventId,
      eventType: event.type,
      topic: info.topic,
      partition: info.partition,
      offset: info.offset,
      attempt: info.attempt,
    });
    if (!this.options.handlers[event.type]) {
      const noHandler = new PermanentError('INLET_NO_HANDLER', `no handler for event type ${event.type}`);
      entry.failure = { error: noHandler, permanent: true };
    }
  }

  /** The batch transaction of the decoded events that have a handler; results in `entries`' order. */
  private async applyAll(topic: string, entries: readonly Entry[]): Promise<ItemResult[]> {
    const applicable = entries.filter((entry) => entry.event && !entry.failure);
    const items: TransactionItem[] = applicable.map((entry) => this.itemOf(entry));
    for (const entry of applicable) entry.trace.openTransaction(this.options.processedTable, items.length);
    const started = performance.now();
    let itemResults: ItemResult[];
    try {
      itemResults = await applyBatch(this.options.pool, this.options.processedTable, items);
    } catch (error) {
      for (const entry of applicable) entry.trace.closeTransaction(error);
      throw error;
    }
    if (items.length > 0) {
      this.options.metrics.transaction(topic, items.length, (performance.now() - started) / 1000);
    }
    const byEntry = new Map(applicable.map((entry, index) => [entry, itemResults[index]!]));
    return entries.map((entry) => {
      const result = byEntry.get(entry);
      entry.trace.closeTransaction(result?.status === 'failed' ? result.error : undefined);
      return result ?? { status: 'failed', error: entry.failure?.error };
    });
  }

  private itemOf(entry: Entry): TransactionItem {
    const { info } = entry;
    const event = entry.event!;
    return {
      record: {
        eventId: event.eventId,
        eventType: event.type,
        topic: info.topic,
        partition: info.partition,
        offset: info.offset,
      },
      event,
      // The handler of the event's own type (its map is keyed by type); TypeScript cannot follow that.
      handler: this.options.handlers[event.type] as AnyEventHandler,
      context: {
        attempt: info.attempt,
        topic: info.topic,
        partition: info.partition,
        offset: info.offset,
        headers: info.headers,
        log: entry.log,
      },
      within: (work) => entry.trace.inTransaction(work),
    };
  }

  /** The message's durable outcome: applied, a duplicate, or produced to a retry tier or the DLQ. */
  private async outcomeOf(entry: Entry, result: ItemResult | undefined): Promise<MessageOutcome> {
    const receivedAt = entry.event?.receivedAt;
    let outcome: MessageOutcome;
    if (result?.status === 'processed') outcome = { result: 'processed', receivedAt };
    else if (result?.status === 'duplicate') {
      entry.log.info({}, 'event already processed: skipped');
      outcome = { result: 'skipped_duplicate', receivedAt };
    } else {
      const failure = entry.failure ?? {
        error: result?.error,
        permanent: isPermanentFailure(result?.error),
      };
      outcome = await entry.trace.inMessage(() => this.fail(entry, failure.error, failure.permanent));
    }
    entry.info.outcome = outcome;
    return outcome;
  }

  private async fail(entry: Entry, error: unknown, permanent: boolean): Promise<MessageOutcome> {
    const { info, message } = entry;
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
    return { result: routed.result, error, destination: routed.topic };
  }

  private report(entry: Entry, outcome: MessageOutcome, seconds: number): void {
    const { metrics, now, onOutcome } = this.options;
    const type = typeLabel(entry.info);
    metrics.outcome(entry.info.topic, type, outcome.result, seconds);
    if (outcome.result === 'processed' && outcome.receivedAt !== undefined) {
      metrics.endToEnd(type, (now() - outcome.receivedAt) / 1000);
    }
    onOutcome(outcome);
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
