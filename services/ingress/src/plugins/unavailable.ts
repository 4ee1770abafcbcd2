import type { CodedError } from '@inlet/service-kit/service';

/**
 * A dependency the ingress needs to accept a webhook is down: Kafka did not acknowledge (the producer's
 * INLET_PRODUCE_* errors), the schema registry did not answer the encode (INLET_SCHEMA_REGISTRY_UNAVAILABLE), or
 * the sender's signing keys could not be loaded (INLET_AUTH_UNAVAILABLE). Nothing was accepted and nothing is
 * wrong with the request, so the sender should simply try again shortly: 503 with Retry-After, never a 500 and
 * never a 4xx that makes it give up.
 *
 * The one produce error that is the request's own: an event too large for any produce request
 * (INLET_RECORD_TOO_LARGE) would fail every retry as well, so it is a 413.
 */
export function dependencyUnavailable(retryAfterSeconds: number) {
  return (error: CodedError): CodedError | undefined => {
    if (error.code === 'INLET_RECORD_TOO_LARGE') {
      return {
        code: error.code,
        statusCode: 413,
        message: 'the event is too large for the event store; nothing was accepted',
      };
    }
    if (error.code?.startsWith('INLET_PRODUCE')) {
      return {
        code: 'INLET_KAFKA_UNAVAILABLE',
        statusCode: 503,
        message: 'the event store is unavailable; nothing was accepted, retry later',
        retryAfterSeconds,
      };
    }
    if (error.code === 'INLET_SCHEMA_REGISTRY_UNAVAILABLE') {
      // The registry's own message names its URL: not for senders.
      return {
        code: error.code,
        statusCode: 503,
        message: 'the schema registry is unavailable; nothing was accepted, retry later',
        retryAfterSeconds,
      };
    }
    if (error.code === 'INLET_AUTH_UNAVAILABLE') {
      return { code: error.code, statusCode: 503, message: error.message, retryAfterSeconds };
    }
    return undefined;
  };
}
