import type { OutgoingRecord } from '@inlet/kafka-runtime';
import { NormalizeError, normalizeForFamily } from '@inlet/ingress/normalize';
import { EventValidationError, partitionKey, type EventCodec, type InletEvent } from '@inlet/schemas';
import { replayHeaders } from './replay-record.js';
import type { UnmappedRecord } from './unmapped-record.js';

/** What replaying one unmapped record comes to with today's mappings. */
export type UnmappedReplay =
  { mapped: true; event: InletEvent; record: OutgoingRecord } | { mapped: false; reason: string };

/**
 * Runs the ingress's current normalizer of the record's route family on its payload. When that now maps, the
 * canonical event keeps the webhook's original eventId, source and receivedAt, and is encoded for its real
 * topic with the headers the ingress sets, plus where it was replayed from. Otherwise says why not (a code and
 * a message naming fields, never values).
 */
export async function unmappedReplay(
  unmapped: UnmappedRecord,
  codec: EventCodec,
  now: number,
): Promise<UnmappedReplay> {
  const webhook = unmapped.webhook;
  if (!webhook) return { mapped: false, reason: `undecodable: ${unmapped.decodeError ?? 'no value'}` };
  if (webhook.family === 'internal' && !webhook.internalEventType) {
    return { mapped: false, reason: 'an internal webhook without the event type of its URL' };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(webhook.payload);
  } catch {
    return { mapped: false, reason: 'the payload is not JSON' };
  }
  let event: InletEvent;
  try {
    const normalized = normalizeForFamily(webhook.family, payload, webhook.internalEventType);
    event = {
      eventId: webhook.eventId,
      type: normalized.type,
      source: webhook.source,
      sourceEventName: normalized.sourceEventName,
      occurredAt: normalized.occurredAt ?? webhook.receivedAt,
      receivedAt: webhook.receivedAt,
      data: normalized.data,
    };
  } catch (error) {
    if (error instanceof NormalizeError) return { mapped: false, reason: `${error.code}: ${error.message}` };
    throw error;
  }
  let encoded: { topic: string; value: Buffer };
  try {
    encoded = await codec.encode(event);
  } catch (error) {
    if (error instanceof EventValidationError)
      return { mapped: false, reason: `${error.code}: ${error.message}` };
    throw error;
  }
  return {
    mapped: true,
    event,
    record: {
      topic: encoded.topic,
      key: partitionKey(event),
      value: encoded.value,
      headers: {
        'inlet-event-id': event.eventId,
        'inlet-event-type': event.type,
        'inlet-source': event.source,
        [replayHeaders.replayedFrom]: `${unmapped.topic}/${unmapped.partition}/${unmapped.offset}`,
        [replayHeaders.replayedAt]: String(now),
      },
    },
  };
}
