/**
 * The internal route, POST /webhooks/internal/{eventType}: the type comes from the URL.
 *
 * The body is either the seed's envelope `{type?, data, id?, timestamp?}` or the data object itself. It is an
 * envelope exactly when it has a `data` property holding an object; no internal type has a field named `data`, so
 * the two cannot be confused. In an envelope, a `type` (when given) must equal the URL's type, and error pointers
 * lead into /data; a bare body has pointers from the root and no sender event id (the ingress hashes the body).
 */
import type { EventType } from '@inlet/schemas';
import { isJsonObject, isPresent, optionalIsoToEpochMs, orNull } from './convert.js';
import { invalidEvent, notAnObject, unknownEventType } from './errors.js';
import { acceptedTypesText, acceptsGenericType, isSafeEventName } from './families.js';
import { normalizeGenericData } from './generic.js';
import { internalEnvelopeSchema, type InternalEnvelope } from './schemas/generic.js';
import type { NormalizedEvent } from './types.js';
import { assertValid, compileSchema } from './validate.js';

const validateEnvelope = compileSchema<InternalEnvelope>(internalEnvelopeSchema);

function assertInternalType(eventType: string): EventType {
  if (acceptsGenericType('internal', eventType)) return eventType;
  const named = isSafeEventName(eventType) ? ` '${eventType}'` : '';
  throw unknownEventType(
    `the URL's event type${named} is not one this route accepts; accepted: ${acceptedTypesText('internal')}`,
  );
}

export function normalizeInternal(eventType: string, payload: unknown): NormalizedEvent {
  const type = assertInternalType(eventType);
  if (!isJsonObject(payload)) throw notAnObject();
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
