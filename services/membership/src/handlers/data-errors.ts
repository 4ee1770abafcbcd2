import pg from 'pg';
import { PermanentError } from '@inlet/kafka-runtime';

/**
 * Runs `work`, turning PostgreSQL's refusal of the event's own data into a permanent failure. SQLSTATE class
 * 22 (data exception: a NUL character in text, a time out of timestamptz's range ...) fails the same way on
 * every retry, so the runtime should dead-letter the event at once. Every other failure (connection lost,
 * lock timeout, serialization) is left as it is: the runtime retries it.
 */
export async function refusedDataIsPermanent<T>(eventId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof pg.DatabaseError && error.code?.startsWith('22')) {
      throw new PermanentError(
        'INLET_MEMBERSHIP_EVENT_INVALID',
        `event ${eventId}: PostgreSQL refused its data (SQLSTATE ${error.code})`,
        { cause: error },
      );
    }
    throw error;
  }
}
