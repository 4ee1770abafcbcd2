import { partitionKey, type InletEvent, type UnmappedWebhook } from '@inlet/schemas';
import type { OutgoingRecord } from '@inlet/kafka-runtime/producer';
import type { Verifier, VerifiedRequest } from '../auth/types.js';
import type { NormalizedEvent } from '../normalize/types.js';
import type { Source } from '../sources/types.js';
import { IngressError } from '../errors.js';
import type { DedupeWindow } from './dedupe-window.js';
import { bodyFingerprint, firstSeenEventIdFor, senderEventIdFor } from './event-id.js';
import { unknownEventOf, unmappedOutgoing, unmappedRecordOf, type UnmappedEvent } from './unmapped.js';

/** What the pipeline needs from the outside, as narrow as possible so tests can pass fakes or the real thing. */
export interface AcceptDependencies {
  verifierFor(source: Source): Verifier;
  encode(event: InletEvent): Promise<{ topic: string; value: Buffer }>;
  produce(record: OutgoingRecord): Promise<void>;
  /** Encodes an authentic event no mapping knows for inlet.unmapped.v1 (unmapped.ts). */
  encodeUnmapped(record: UnmappedWebhook): Promise<{ topic: string; value: Buffer }>;
  /** Names the events of senders that send no event id (dedupe-window.ts). */
  dedupe: DedupeWindow;
  now(): number;
}

/** A webhook whose signature was verified (routes/webhooks.ts does that before it counts the source's budget). */
export interface IncomingWebhook {
  source: Source;
  rawBody: Buffer;
  verified: VerifiedRequest;
  /** The route family's normalizer: the sender's payload in, the canonical event out. */
  normalize(payload: unknown): NormalizedEvent;
}

export interface AcceptedEvent {
  status: 'accepted';
  eventId: string;
  type: InletEvent['type'];
  topic: string;
}

/**
 * (verified) -> parse -> normalize -> event id -> envelope -> Avro encode (validates) -> produce and wait for
 * acks=all. Every step before produce can only refuse the webhook; nothing is written until all passed.
 */
export async function acceptWebhook(
  deps: AcceptDependencies,
  webhook: IncomingWebhook,
): Promise<AcceptedEvent | UnmappedEvent> {
  // Prepared in a call of its own: while Kafka acknowledges (up to PRODUCE_TIMEOUT_MS when it stalls) the
  // request holds the encoded record and nothing of the parsed payload or the event, which take several times
  // the body's size in V8's heap. The in-flight budget counts bodies, and the image's heap cap relies on this.
  const { record, answer } = await prepareRecord(deps, webhook);
  await deps.produce(record);
  return answer;
}

/** Everything before the produce: the record to send and what to answer once Kafka has it. */
async function prepareRecord(
  deps: AcceptDependencies,
  webhook: IncomingWebhook,
): Promise<{ record: OutgoingRecord; answer: AcceptedEvent | UnmappedEvent }> {
  const receivedAt = deps.now();
  const { verified } = webhook;
  const payload = verified.payload ?? parseJson(webhook.rawBody);
  let normalized: NormalizedEvent;
  try {
    normalized = webhook.normalize(payload);
  } catch (error) {
    // An authentic event whose only fault is a name no mapping knows yet is kept, not refused (unmapped.ts).
    const unknown = unknownEventOf(error, payload);
    if (!unknown) throw error;
    const senderEventId = verified.senderEventId ?? unknown.senderEventId;
    const eventId = await eventIdOf(deps, webhook, senderEventId, receivedAt);
    return unmappedOutgoing(deps, unmappedRecordOf({ ...webhook, unknown, eventId, receivedAt }));
  }
  const event: InletEvent = {
    eventId: await eventIdOf(deps, webhook, verified.senderEventId ?? normalized.senderEventId, receivedAt),
    type: normalized.type,
    source: webhook.source.id,
    sourceEventName: normalized.sourceEventName,
    occurredAt: normalized.occurredAt ?? receivedAt,
    receivedAt,
    data: normalized.data,
  };
  const { topic, value } = await deps.encode(event);
  return {
    record: {
      topic,
      key: partitionKey(event),
      value,
      headers: {
        'inlet-event-id': event.eventId,
        'inlet-event-type': event.type,
        'inlet-source': event.source,
      },
    },
    answer: { status: 'accepted', eventId: event.eventId, type: event.type, topic },
  };
}

/**
 * The sender's own id names the event when there is one. Without it, the bytes do, within the source's dedupe
 * window: a retry of the same body inside the window is the same event, the same body after it a new one.
 */
export async function eventIdOf(
  deps: Pick<AcceptDependencies, 'dedupe'>,
  webhook: Pick<IncomingWebhook, 'source' | 'rawBody'>,
  senderEventId: string | null | undefined,
  receivedAt: number,
): Promise<string> {
  if (senderEventId) return senderEventIdFor(webhook.source.id, senderEventId);
  const fingerprint = bodyFingerprint(webhook.source.id, webhook.rawBody);
  return deps.dedupe.claim(
    fingerprint,
    firstSeenEventIdFor(fingerprint, receivedAt),
    webhook.source.dedupeWindowSeconds * 1000,
  );
}

function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new IngressError('INLET_BODY_NOT_JSON', 400, 'the body is not valid JSON');
  }
}
