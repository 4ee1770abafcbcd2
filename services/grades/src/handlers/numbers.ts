import { PermanentError } from '@inlet/kafka-runtime';

/**
 * Avro doubles can carry NaN and ±Infinity, which PostgreSQL's numeric would store and every reader would
 * choke on. No retry makes them valid, so the event is refused as permanent: the runtime dead-letters it at once.
 */
export function finiteOrNull(value: number | null, field: string, eventId: string): number | null {
  if (value === null || Number.isFinite(value)) return value;
  throw new PermanentError(
    'INLET_GRADE_EVENT_INVALID',
    `event ${eventId}: ${field} is ${value}, not a finite number`,
  );
}
