import type { Consumer, KafkaMessage } from 'kafkajs';
import { headersAsText, integerHeader } from './message-headers.js';
import { retryHeaders } from './types.js';

/** setTimeout fires at once for delays above 2^31-1 ms; a later not-before is re-checked at that bound. */
const longestTimer = 2 ** 31 - 1;

export interface NotBeforeGateOptions {
  consumer: Pick<Consumer, 'seek' | 'pause' | 'resume'>;
  now: () => number;
  onPause?: (topic: string, partition: number, pausedNow: number) => void;
  onResume?: (pausedNow: number) => void;
}

/**
 * Holds retry-tier partitions until their head record is due (`inlet-not-before`), the way Spring Kafka's
 * partition-pausing back-off manager does: the partition is sought back to the head and PAUSED, and a timer
 * resumes it when the head is due. The consumer keeps fetching its other partitions and keeps heartbeating
 * (nothing sleeps while holding it), and nothing polls the held partition meanwhile: it is not fetched again
 * until the timer fires. On resume the head is fetched anew and checked again, so nothing runs early.
 *
 * Records in one tier partition are appended in failure order with one delay, so they fall due in order: a
 * not-due head means nothing behind it is due either.
 */
export class NotBeforeGate {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: NotBeforeGateOptions) {}

  /** True when the message is due now (or carries no not-before time). */
  isDue(message: KafkaMessage): boolean {
    const notBefore = notBeforeOf(message);
    return notBefore === undefined || notBefore <= this.options.now();
  }

  /** True when the message is not due: its partition is then paused at it until it is. */
  holdIfNotDue(topic: string, partition: number, message: KafkaMessage): boolean {
    const notBefore = notBeforeOf(message);
    if (notBefore === undefined) return false;
    const waitMs = notBefore - this.options.now();
    if (waitMs <= 0) return false;

    const { consumer } = this.options;
    // seek: the next fetch of this partition starts at the head again (kafkajs commits that position, which
    // is exact: every record before the head has a durable outcome). pause: until then it is not fetched.
    consumer.seek({ topic, partition, offset: message.offset });
    consumer.pause([{ topic, partitions: [partition] }]);
    const key = `${topic}\u0000${partition}`;
    clearTimeout(this.timers.get(key));
    const timer = setTimeout(() => this.resume(key, topic, partition), Math.min(waitMs, longestTimer));
    timer.unref();
    this.timers.set(key, timer);
    this.options.onPause?.(topic, partition, this.timers.size);
    return true;
  }

  get pausedPartitions(): number {
    return this.timers.size;
  }

  /** Forgets every pending resume (the consumer is stopping; a new member starts unpaused). */
  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.options.onResume?.(0);
  }

  private resume(key: string, topic: string, partition: number): void {
    this.timers.delete(key);
    try {
      this.options.consumer.resume([{ topic, partitions: [partition] }]);
    } catch {
      // The consumer is restarting after a crash: its new member starts with no partition paused.
    }
    this.options.onResume?.(this.timers.size);
  }
}

/** The record's not-before time (epoch ms), or undefined when it has none (then it is due). */
export function notBeforeOf(message: KafkaMessage): number | undefined {
  return integerHeader(headersAsText(message.headers), retryHeaders.notBefore);
}
