/** The generic data shapes: each may say when it happened; every optional field may also be sent as null. */
import Type, { type TProperties } from 'typebox';
import { absoluteUri, isoDateTime, optional } from '../common.js';

/** ISO 8601 with a time zone. */
export const optionalTimestamp = optional(isoDateTime);
export const optionalUri = optional(absoluteUri);

/** A generic data object: its own properties and `timestamp`, when it happened. */
export function timestampedData<P extends TProperties>(properties: P) {
  return Type.Object({ ...properties, timestamp: optionalTimestamp });
}
