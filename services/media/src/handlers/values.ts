import { PermanentError } from '@inlet/kafka-runtime';

// Avro doubles and longs can carry values no reader could use (NaN, ±Infinity, a negative length). No retry
// makes them valid, so the event is refused as permanent: the runtime dead-letters it at once.

function invalid(eventId: string, problem: string): PermanentError {
  return new PermanentError('INLET_MEDIA_EVENT_INVALID', `event ${eventId}: ${problem}`);
}

/** A finite number ≥ 0 (durations, sizes). */
export function nonNegative(value: number, field: string, eventId: string): number {
  if (Number.isFinite(value) && value >= 0) return value;
  throw invalid(eventId, `${field} is ${value}, not a finite number ≥ 0`);
}

export function nonNegativeOrNull(value: number | null, field: string, eventId: string): number | null {
  return value === null ? null : nonNegative(value, field, eventId);
}

/** A finite number within [min, max]. */
export function within(value: number, min: number, max: number, field: string, eventId: string): number {
  if (Number.isFinite(value) && value >= min && value <= max) return value;
  throw invalid(eventId, `${field} is ${value}, not a number from ${min} to ${max}`);
}

/** The uploader's extra metadata (JSON text) for a jsonb column, or null. */
export function jsonOrNull(text: string | null, field: string, eventId: string): string | null {
  if (text === null) return null;
  try {
    JSON.parse(text);
  } catch {
    throw invalid(eventId, `${field} is not JSON text`);
  }
  // jsonb cannot hold \u0000: such metadata is refused rather than silently altered.
  if (text.includes('\\u0000')) throw invalid(eventId, `${field} holds a NUL character`);
  return text;
}
