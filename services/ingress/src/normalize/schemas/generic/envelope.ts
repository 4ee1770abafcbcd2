/**
 * The envelopes of Inlet's own generic format, `{type, data, id?, timestamp?}`, as the platform's webhook API
 * describes them. Unknown extra fields are ignored, not refused, so a sender can add fields without breaking.
 * `data`'s own schema is checked per type (by-type.ts).
 */
import Type from 'typebox';
import { freeFormObject, nonEmptyString, optionalNonEmptyString } from '../common.js';
import { optionalTimestamp } from './timestamped.js';

/** Checked first, so a missing or empty type is reported before anything else. */
export const envelopeTypeSchema = Type.Object({ type: nonEmptyString });

export const genericEnvelopeSchema = Type.Object({
  type: nonEmptyString,
  /** The sender's id for this event; becomes senderEventId. */
  id: optionalNonEmptyString,
  /** When it happened; payment webhooks often put the time here on the envelope instead of in data. */
  timestamp: optionalTimestamp,
  data: freeFormObject,
});

/**
 * The internal route's envelope: the URL names the type, so `type` may be left out (internal.ts checks it agrees
 * when present).
 */
export const internalEnvelopeSchema = Type.Object({
  id: optionalNonEmptyString,
  timestamp: optionalTimestamp,
  data: freeFormObject,
});
