import { partitionKey, type InletEvent } from '@inlet/schemas';
import type { OutgoingRecord } from '@inlet/kafka-runtime';
import type { HeaderBag, Verifier } from '../auth/types.js';
import type { NormalizedEvent } from '../normalize/types.js';
import type { Source } from '../sources/types.js';
import { IngressError } from '../errors.js';
import { eventIdFor } from './event-id.js';

/** What the pipeline needs from the outside, as narrow as possible so tests can pass fakes or the real thing. */
export interface AcceptDependencies {
  verifierFor(source: Source): Verifier;
  encode(event: InletEvent): Promise<{ topic: string; value: Buffer }>;
  produce(record: OutgoingRecord): Promise<void>;
  now(): number;
}

export interface IncomingWebhook {
  source: Source;
  rawBody: Buffer;
  headers: HeaderBag;
  /** The route family's normalizer: the sender's payload in, the canonical event out. */
  normalize(payload: unknown): NormalizedEvent;
}

export interface AcceptedEvent {
  eventId: string;
  type: InletEvent['type'];
  topic: string;
}

/**
 * verify over the raw bytes -> parse -> normalize -> envelope -> Avro encode (validates) -> produce and wait
 * for acks=all. Every step before produce can only refuse the webhook; nothing is written until all passed.
 */
export async function acceptWebhook(
  deps: AcceptDependencies,
  webhook: IncomingWebhook,
): Promise<AcceptedEvent> {
  const receivedAt = deps.now();
  const verified = await deps
    .verifierFor(webhook.source)
    .verify({ rawBody: webhook.rawBody, headers: webhook.headers });
  const payload = verified.payload ?? parseJson(webhook.rawBody);
  const normalized = webhook.normalize(payload);
  const event: InletEvent = {
    eventId: eventIdFor(
      webhook.source.id,
      verified.senderEventId ?? normalized.senderEventId,
      webhook.rawBody,
    ),
    type: normalized.type,
    source: webhook.source.id,
    sourceEventName: normalized.sourceEventName,
    occurredAt: normalized.occurredAt ?? receivedAt,
    receivedAt,
    data: normalized.data,
  };
  const { topic, value } = await deps.encode(event);
  await deps.produce({
    topic,
    key: partitionKey(event),
    value,
    headers: {
      'inlet-event-id': event.eventId,
      'inlet-event-type': event.type,
      'inlet-source': event.source,
    },
  });
  return { eventId: event.eventId, type: event.type, topic };
}

function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new IngressError('INLET_BODY_NOT_JSON', 400, 'the body is not valid JSON');
  }
}
