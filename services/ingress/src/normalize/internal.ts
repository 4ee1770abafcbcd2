/**
 * The internal route, POST /webhooks/internal/{eventType}: the type comes from the URL.
 *
 * The body is either the generic envelope `{type?, data, id?, timestamp?}` or the data object itself. It is an
 * envelope exactly when it has a `data` property holding an object; no internal type has a field named `data`, so
 * the two cannot be confused. In an envelope, a `type` (when given) must equal the URL's type, and error pointers
 * lead into /data; a bare body has pointers from the root and no sender event id (the ingress hashes the body).
 */
import { isEventType, type EventType } from '@inlet/schemas';
import { isJsonObject, isPresent, optionalIsoToEpochMs, orNull } from './convert.js';
import { invalidEvent, notAnObject, unknownEventType } from './errors.js';
import { acceptedTypesText, acceptsGenericType, isSafeEventName } from './families.js';
import { normalizeGenericData } from './generic.js';
import { internalEnvelopeSchema } from './schemas/generic/envelope.js';
import type { JsonObject, NormalizedEvent } from './types.js';
import { assertValid, compileSchema } from './validate.js';

const validateEnvelope = compileSchema(internalEnvelopeSchema);

/**
 * The URL's type when this route accepts it. A type of another route's family is refused (the sender posts to
 * the wrong endpoint); any other type on a well-formed body (an object; an envelope when it has an object
 * `data`) is an unknown event, which the ingress keeps as unmapped.
 */
function assertInternalType(eventType: string, payload: JsonObject): EventType {
  if (acceptsGenericType('internal', eventType)) return eventType;
  const named = isSafeEventName(eventType) ? ` '${eventType}'` : '';
  const message = `the URL's event type${named} is not one this route accepts; accepted: ${acceptedTypesText('internal')}`;
  if (isEventType(eventType)) throw unknownEventType(message);
  const envelope = isJsonObject(payload.data);
  if (envelope) assertValid(validateEnvelope, payload);
  throw unknownEventType(message, undefined, {
    eventName: eventType,
    senderEventId: envelope ? orNull(payload.id as string | null | undefined) : null,
  });
}

export function normalizeInternal(eventType: string, payload: unknown): NormalizedEvent {
  if (!isJsonObject(payload)) throw notAnObject();
  const type = assertInternalType(eventType, payload);
  if (!isJsonObject(payload.data)) {
    return normalizeGenericData(type, payload, '', { senderEventId: null, occurredAt: null });
  }
  if (isPresent(payload.type) && payload.type !== type) {
    throw invalidEvent('/type must equal the event type in the URL (or be left out)', '/type');
  }
  assertValid(validateEnvelope, payload);
  return normalizeGenericData(type, payload.data, '/data', {
    senderEventId: orNull(payload.id),
    occurredAt: optionalIsoToEpochMs(payload.timestamp),
  });
}
