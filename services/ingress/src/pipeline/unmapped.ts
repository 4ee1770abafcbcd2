/**
 * Authentic webhooks that no mapping knows yet (Stripe's customer.created, a Canvas event Inlet does not map):
 * refusing them would make the sender retry for days and then disable the endpoint, so the ingress keeps them
 * on inlet.unmapped.v1 and answers 202. `inlet unmapped replay` sends them to their real topic once a mapping
 * exists. Only a well-formed object whose one problem is its event name qualifies: invalid events keep their
 * 4xx, and nothing is kept before its signature was verified.
 */
import type { OutgoingRecord } from '@inlet/kafka-runtime/producer';
import type { UnmappedWebhook } from '@inlet/schemas';
import type { VerifiedRequest } from '../auth/types.js';
import { isJsonObject, nestsDeeperThan } from '../normalize/convert.js';
import { NormalizeError, invalidEvent, type UnknownEvent } from '../normalize/errors.js';
import type { Source } from '../sources/types.js';

/** What the ingress answers for an event it kept unmapped. */
export interface UnmappedEvent {
  status: 'unmapped';
  eventId: string;
  topic: string;
  /** The sender's event name when it looks like one, else null. */
  sourceEventName: string | null;
}

export interface UnmappedDependencies {
  encodeUnmapped(record: UnmappedWebhook): Promise<{ topic: string; value: Buffer }>;
}

// Lower case, digits, '_', '.' and the backslashes of Moodle's class names: an event name, never personal data.
const eventNamePattern = /^[a-z0-9_.\\]{1,100}$/;

/** The sender's event name when it looks like one; null for anything else (it could be an id or a value). */
export function safeEventName(name: string | null | undefined): string | null {
  return typeof name === 'string' && eventNamePattern.test(name) ? name : null;
}

/** The unknown event behind a normalizer's refusal when the webhook is to be kept rather than refused. */
export function unknownEventOf(error: unknown, payload: unknown): UnknownEvent | undefined {
  if (!(error instanceof NormalizeError) || error.code !== 'INLET_UNKNOWN_EVENT_TYPE') return undefined;
  if (!isJsonObject(payload)) return undefined;
  return error.unknownEvent;
}

export interface UnmappedInput {
  source: Source;
  rawBody: Buffer;
  verified: VerifiedRequest;
  unknown: UnknownEvent;
  eventId: string;
  receivedAt: number;
}

/**
 * The record for the unmapped topic, without credentials: never a header (signatures, API keys, bearer tokens
 * travel there), and where the credential is inside the body (Moodle's token field, Canvas's signed JWT body)
 * the payload the verifier took out of it instead of the body.
 */
export function unmappedRecordOf(input: UnmappedInput): UnmappedWebhook {
  const { source, unknown } = input;
  const payload =
    input.verified.payload === undefined
      ? input.rawBody.toString('utf8')
      : payloadText(input.verified.payload);
  return {
    eventId: input.eventId,
    source: source.id,
    family: source.family,
    sourceEventName: safeEventName(unknown.eventName),
    // The internal route's normalizer needs its URL's type again on replay; the route pattern has checked it.
    internalEventType: source.family === 'internal' ? unknown.eventName : null,
    payload,
    receivedAt: input.receivedAt,
  };
}

/**
 * The verified payload as JSON text. JSON.parse accepts any depth but JSON.stringify throws a RangeError past
 * about 10,000 levels: such a body is refused with 422 rather than failing with a 500.
 */
function payloadText(payload: unknown): string {
  if (nestsDeeperThan(payload, maxUnmappedDepth)) {
    throw invalidEvent(`the body must not nest objects and arrays deeper than ${maxUnmappedDepth} levels`);
  }
  return JSON.stringify(payload);
}

/** Far beyond any real webhook, far below JSON.stringify's limit. */
const maxUnmappedDepth = 1000;

/** Encodes the record for the unmapped topic (produced with acks=all, like every event), keyed by source. */
export async function unmappedOutgoing(
  deps: UnmappedDependencies,
  record: UnmappedWebhook,
): Promise<{ record: OutgoingRecord; answer: UnmappedEvent }> {
  const { topic, value } = await deps.encodeUnmapped(record);
  return {
    record: {
      topic,
      key: record.source,
      value,
      // No inlet-event-type: that header always holds a canonical type, and this event has none yet.
      headers: { 'inlet-event-id': record.eventId, 'inlet-source': record.source },
    },
    answer: { status: 'unmapped', eventId: record.eventId, topic, sourceEventName: record.sourceEventName },
  };
}
