import { retryHeaders } from '@inlet/kafka-runtime';
import type { EventCodec, InletEvent } from '@inlet/schemas';
import type { IHeaders } from 'kafkajs';
import type { RawRecord } from './dlq-reader.js';
import { errorMessage } from './errors.js';

/** A DLQ record with its event decoded (when it can be) and what the runtime's headers say about it. */
export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  /** The message key, as the runtime sends it (text; '' when there is none). */
  key: string;
  value: Buffer | null;
  /** Every header as text (a header sent twice keeps its last value, as the runtime reads it). */
  headers: Record<string, string>;
  event: InletEvent | undefined;
  /** Why the value could not be decoded; such records are still listed. */
  decodeError: string | undefined;
  eventId: string | undefined;
  type: string | undefined;
  /** inlet-attempt: the attempts made before it was dead-lettered. */
  attempts: number | undefined;
  errorClass: string | undefined;
  errorMessage: string | undefined;
  /** Epoch ms: inlet-last-failure-at, else inlet-not-before (the runtime sets both to the dead-letter time), else the record's timestamp. */
  deadLetteredAt: number;
  original: { topic: string; partition: string; offset: string } | undefined;
}

export async function toDeadLetter(
  record: RawRecord,
  codec: EventCodec,
  schemaTopic: string,
): Promise<DeadLetter> {
  const headers = headersAsText(record.headers);
  let event: InletEvent | undefined;
  let decodeError: string | undefined;
  if (record.value === null || record.value.length === 0) {
    decodeError = 'the record has no value';
  } else {
    try {
      // The declared DLQ topic picks the reader schema (its main topic's), also when reading an override topic.
      event = await codec.decode(record.value, schemaTopic);
    } catch (error) {
      decodeError = errorMessage(error);
    }
  }
  const originalTopic = headers[retryHeaders.originalTopic];
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    key: record.key?.toString('utf8') ?? '',
    value: record.value,
    headers,
    event,
    decodeError,
    eventId: event?.eventId ?? headers['inlet-event-id'],
    type: event?.type ?? headers['inlet-event-type'],
    attempts: integer(headers[retryHeaders.attempt]),
    errorClass: headers[retryHeaders.errorClass],
    errorMessage: headers[retryHeaders.errorMessage],
    deadLetteredAt:
      integer(headers[retryHeaders.lastFailureAt]) ??
      integer(headers[retryHeaders.notBefore]) ??
      Number(record.timestamp),
    original:
      originalTopic === undefined
        ? undefined
        : {
            topic: originalTopic,
            partition: headers[retryHeaders.originalPartition] ?? '',
            offset: headers[retryHeaders.originalOffset] ?? '',
          },
  };
}

/** Oldest first, then by position: the order list prints and --limit counts in. */
export function byDeadLetterTime(a: DeadLetter, b: DeadLetter): number {
  return a.deadLetteredAt - b.deadLetteredAt || byPosition(a, b);
}

/** Partition, then offset: the DLQ's own order, which keeps the order of each key. */
export function byPosition(a: DeadLetter, b: DeadLetter): number {
  const offsetOrder = BigInt(a.offset) - BigInt(b.offset);
  return a.partition - b.partition || (offsetOrder < 0n ? -1 : offsetOrder > 0n ? 1 : 0);
}

export function position(letter: DeadLetter): string {
  return `${letter.partition}:${letter.offset}`;
}

function headersAsText(headers: IHeaders): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) text[name] = Buffer.isBuffer(last) ? last.toString('utf8') : String(last);
  }
  return text;
}

function integer(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,16}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}
