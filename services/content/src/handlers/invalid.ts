import pg from 'pg';
import { PermanentError } from '@inlet/kafka-runtime';
import type { EventType, InletEvent } from '@inlet/schemas';
import type { ServiceBatchHandler, ServiceHandler } from '@inlet/service-kit';

/** The code of every content event refused as permanently invalid (it goes to content.dlq at once). */
export const invalidEventCode = 'INLET_CONTENT_EVENT_INVALID';

export function invalidEvent(eventId: string, problem: string, cause?: unknown): PermanentError {
  return new PermanentError(
    invalidEventCode,
    `event ${eventId}: ${problem}`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * An id the read API must be able to name. Avro lets an empty string through; the ingress does not send one,
 * but a row keyed by '' could never be read back (routes refuse empty path segments), so it is refused here.
 */
export function requireId(value: string, field: string, eventId: string): string {
  if (value.length === 0) throw invalidEvent(eventId, `${field} is empty`);
  return value;
}

/**
 * PostgreSQL refuses some data whatever the attempt: class 22 (data exception: a NUL character in text or
 * jsonb, a value out of range) and 54000 (program limit: text too long for a tsvector). Retrying such an event
 * only delays its arrival in the DLQ, so these become permanent. Classified by SQLSTATE, never by message.
 */
export function isUnstorableData(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError) || error.code === undefined) return false;
  return error.code.startsWith('22') || error.code === '54000';
}

/** The handler, with data PostgreSQL can never store turned into a PermanentError (other errors unchanged). */
export function refusingUnstorableData<T extends EventType>(handler: ServiceHandler<T>): ServiceHandler<T> {
  return async (event: InletEvent<T>, context) => {
    try {
      await handler(event, context);
    } catch (error) {
      if (!isUnstorableData(error)) throw error;
      const { code } = error as pg.DatabaseError;
      throw invalidEvent(event.eventId, `PostgreSQL cannot store its data (SQLSTATE ${code})`, error);
    }
  };
}

/**
 * The batch form: a run that PostgreSQL refuses is refused as permanent too. The runtime then applies each of
 * its events alone, so only the event whose data cannot be stored reaches the DLQ.
 */
export function refusingUnstorableRuns<T extends EventType>(
  handler: ServiceBatchHandler<T>,
): ServiceBatchHandler<T> {
  return {
    async applyMany(events, context) {
      try {
        await handler.applyMany(events, context);
      } catch (error) {
        if (!isUnstorableData(error)) throw error;
        const { code } = error as pg.DatabaseError;
        const more = events.length > 1 ? ` (or another of the ${events.length} events of its run)` : '';
        throw invalidEvent(
          events[0]!.eventId,
          `PostgreSQL cannot store its data${more} (SQLSTATE ${code})`,
          error,
        );
      }
    },
  };
}
