import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { topicMaxMessageBytes } from '@inlet/topics';
import { ProduceError } from './errors.js';
import { recordBatchHeaderBytes, recordBytes } from './record-size.js';

export interface OutgoingRecord {
  topic: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

export interface BatchingProducerOptions {
  /** How long the first record of a batch waits for company. Small: it adds to every request's latency. */
  lingerMs: number;
  /** A batch is sent at once when it holds this many records. */
  maxBatchSize: number;
  /**
   * Bytes one produce request may hold, the record-batch framing included. Kafka refuses a whole record batch
   * larger than the topic's max.message.bytes (MESSAGE_TOO_LARGE), so this must not exceed it; a record that is
   * larger on its own fails alone with INLET_RECORD_TOO_LARGE.
   */
  maxBatchBytes: number;
  /** After this long without Kafka's acknowledgement, send() rejects (the HTTP caller answers 503). */
  ackTimeoutMs: number;
  /** Told the size of every produce request, e.g. for a batch-size histogram. */
  onBatch?: (records: number) => void;
}

export const defaultBatchingOptions: BatchingProducerOptions = {
  lingerMs: 2,
  maxBatchSize: 500,
  maxBatchBytes: topicMaxMessageBytes,
  ackTimeoutMs: 5_000,
};

interface Pending {
  record: OutgoingRecord;
  /** What the record adds to a produce request (record-size.ts). */
  bytes: number;
  resolve: () => void;
  reject: (error: ProduceError) => void;
  /** Set once the caller has its answer (acknowledged, failed or timed out); a settled record is never sent. */
  settled: boolean;
  deadline: NodeJS.Timeout;
}

/**
 * An acks=all idempotent producer that gathers concurrent send() calls into one produce request.
 *
 * Each HTTP request waits for its own record's acknowledgement, so without batching every webhook would be its
 * own round trip to Kafka; with it, records arriving within `lingerMs` share one request, up to `maxBatchSize`
 * records and `maxBatchBytes` bytes (the rest go in the next request, in order). send() resolves only
 * once Kafka acknowledged the record on all in-sync replicas, and rejects when it did not within
 * `ackTimeoutMs` of the call. A record already in flight may still land after that, which is harmless: its
 * eventId makes the sender's retry a duplicate that consumers skip.
 */
export class BatchingProducer {
  private readonly producer: Producer;
  private readonly options: BatchingProducerOptions;
  private queue: Pending[] = [];
  /** The bytes of the records in `queue`, so a request's worth is sent without waiting for the linger. */
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The batch being sent. One at a time: two concurrent requests could overtake each other and reorder a key. */
  private inFlight: Promise<void> | undefined;
  private closed = false;

  constructor(kafka: Kafka, options: Partial<BatchingProducerOptions> = {}) {
    this.options = { ...defaultBatchingOptions, ...options };
    this.producer = kafka.producer({
      idempotent: true,
      // Idempotence keeps order and avoids duplicates only with one request in flight per connection.
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // The v2 default partitioner (murmur2, as the Java client); named so kafkajs does not warn about it.
      createPartitioner: Partitioners.DefaultPartitioner,
      // Bounded, so a Kafka outage turns into 503s instead of an ever-growing backlog in memory.
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2_000 },
    });
  }

  /** Records waiting for a produce request (the ingress's queue size). */
  get queued(): number {
    return this.queue.length;
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  send(record: OutgoingRecord): Promise<void> {
    if (this.closed) {
      return Promise.reject(new ProduceError('INLET_PRODUCER_CLOSED', 'the producer is shutting down'));
    }
    const bytes = recordBytes(record);
    const { maxBatchBytes } = this.options;
    if (recordBatchHeaderBytes + bytes > maxBatchBytes) {
      // Refused alone, before it joins a batch: in one, Kafka would refuse the other callers' records with it.
      return Promise.reject(
        new ProduceError(
          'INLET_RECORD_TOO_LARGE',
          `a ${bytes}-byte record for ${record.topic} is over the ${maxBatchBytes} bytes of a produce request`,
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const pending: Pending = {
        record,
        bytes,
        settled: false,
        resolve: () => settle(pending, () => resolve()),
        reject: (error) => settle(pending, () => reject(error)),
        // The deadline runs from the call, not from the send: a record queued behind a slow batch must not keep
        // its HTTP request waiting past the timeout. A record that times out while still queued is never sent.
        deadline: setTimeout(() => {
          this.dropFromQueue(pending);
          pending.reject(
            new ProduceError(
              'INLET_PRODUCE_TIMEOUT',
              `Kafka did not acknowledge within ${this.options.ackTimeoutMs} ms`,
            ),
          );
        }, this.options.ackTimeoutMs),
      };
      this.queue.push(pending);
      this.queuedBytes += bytes;
      const full = this.queue.length >= this.options.maxBatchSize || this.queuedBytes >= maxBatchBytes;
      if (full) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.lingerMs);
    });
  }

  /** Sends what is queued, waits for every batch in flight, then disconnects. */
  async disconnect(): Promise<void> {
    this.closed = true;
    this.flush();
    while (this.inFlight) await this.inFlight;
    await this.producer.disconnect();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    // While a batch is in flight the queue keeps filling; it is sent as soon as that batch is acknowledged.
    if (this.inFlight || this.queue.length === 0) return;
    const batch = this.takeBatch();
    this.options.onBatch?.(batch.length);
    this.inFlight = this.sendBatch(batch).finally(() => {
      this.inFlight = undefined;
      this.flush();
    });
  }

  /**
   * A record that timed out while queued leaves the queue at once, its value with it. The batch in flight may
   * hang for minutes on a stalled broker (kafkajs' request timeout and retries), and meanwhile the callers whose
   * records time out are answered and replaced by new ones: kept until the next flush, their records would
   * grow the process for as long as the stall lasts. A record already taken into a batch stays with it.
   */
  private dropFromQueue(pending: Pending): void {
    const index = this.queue.indexOf(pending);
    if (index === -1) return;
    this.queue.splice(index, 1);
    this.queuedBytes -= pending.bytes;
  }

  /**
   * The head of the queue, as many records as fit in one request (at least one: send() refused any record that
   * cannot fit alone). It stops at the first record that does not fit rather than pick smaller ones behind it:
   * taking records out of order could put a key's later record in an earlier request.
   */
  private takeBatch(): Pending[] {
    let count = 0;
    let bytes = recordBatchHeaderBytes;
    for (const pending of this.queue) {
      if (count === this.options.maxBatchSize || bytes + pending.bytes > this.options.maxBatchBytes) break;
      bytes += pending.bytes;
      count++;
    }
    this.queuedBytes -= bytes - recordBatchHeaderBytes;
    return this.queue.splice(0, count);
  }

  private async sendBatch(batch: Pending[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const { record } of batch) {
      const messages = byTopic.get(record.topic) ?? [];
      messages.push({ key: record.key, value: record.value, headers: record.headers });
      byTopic.set(record.topic, messages);
    }
    try {
      await this.producer.sendBatch({
        acks: -1,
        timeout: this.options.ackTimeoutMs,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      for (const pending of batch) pending.resolve();
    } catch (error) {
      const failure = new ProduceError(
        'INLET_PRODUCE_FAILED',
        `Kafka did not take the records: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
      for (const pending of batch) pending.reject(failure);
    }
  }
}

function settle(pending: Pending, answer: () => void): void {
  if (pending.settled) return;
  pending.settled = true;
  clearTimeout(pending.deadline);
  answer();
}
