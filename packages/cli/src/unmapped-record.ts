import {
  createRegistry,
  createUnmappedCodec,
  type UnmappedCodec,
  type UnmappedWebhook,
} from '@inlet/schemas';
import type { RawRecord } from './dlq-reader.js';
import { errorMessage } from './errors.js';

/** A record of the unmapped topic with its webhook decoded (when it can be). */
export interface UnmappedRecord {
  topic: string;
  partition: number;
  offset: string;
  webhook: UnmappedWebhook | undefined;
  /** Why the value could not be decoded; such records are still listed, never replayed. */
  decodeError: string | undefined;
  eventId: string | undefined;
  source: string | undefined;
  /** Epoch ms: the webhook's receivedAt, else the record's timestamp. */
  receivedAt: number;
}

/** The unmapped codec with the registry every service reads with (SCHEMA_REGISTRY_URL, else embedded). */
export function unmappedCodecFromEnv(env: NodeJS.ProcessEnv): UnmappedCodec {
  return createUnmappedCodec({ registry: createRegistry(env) });
}

export async function toUnmappedRecord(record: RawRecord, codec: UnmappedCodec): Promise<UnmappedRecord> {
  let webhook: UnmappedWebhook | undefined;
  let decodeError: string | undefined;
  if (record.value === null || record.value.length === 0) {
    decodeError = 'the record has no value';
  } else {
    try {
      webhook = await codec.decode(record.value);
    } catch (error) {
      decodeError = errorMessage(error);
    }
  }
  const header = (name: string) => {
    const value = record.headers[name];
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    return last === undefined ? undefined : String(last);
  };
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    webhook,
    decodeError,
    eventId: webhook?.eventId ?? header('inlet-event-id'),
    source: webhook?.source ?? header('inlet-source'),
    receivedAt: webhook?.receivedAt ?? Number(record.timestamp),
  };
}

/** Oldest first, then by position (partition, offset): the order list prints and replay produces in. */
export function byReceivedAt(a: UnmappedRecord, b: UnmappedRecord): number {
  const offsetOrder = BigInt(a.offset) - BigInt(b.offset);
  return (
    a.receivedAt - b.receivedAt ||
    a.partition - b.partition ||
    (offsetOrder < 0n ? -1 : offsetOrder > 0n ? 1 : 0)
  );
}

export function unmappedPosition(record: UnmappedRecord): string {
  return `${record.partition}:${record.offset}`;
}
