import type { CodedError } from '@inlet/service-kit';

/**
 * Kafka did not acknowledge (the producer's INLET_PRODUCE_* errors): nothing was accepted, and the sender
 * should simply try again shortly — 503 with Retry-After, never a 500.
 */
export function kafkaUnavailable(retryAfterSeconds: number) {
  return (error: CodedError): CodedError | undefined =>
    error.code?.startsWith('INLET_PRODUCE')
      ? {
          code: 'INLET_KAFKA_UNAVAILABLE',
          statusCode: 503,
          message: 'the event store is unavailable; nothing was accepted, retry later',
          retryAfterSeconds,
        }
      : undefined;
}
