import type { CodedError } from '@inlet/service-kit/service';

/**
 * The Avro encode refused the event (@inlet/schemas' EventValidationError, INLET_EVENT_INVALID): a value the
 * normalizer let through but the event's schema cannot hold. The sender's data is at fault, so it gets 422
 * naming the event field, never a 500. The message names the field and the expected type, never a value.
 */
export function eventInvalid(error: CodedError): CodedError | undefined {
  if (error.code !== 'INLET_EVENT_INVALID') return undefined;
  return {
    code: error.code,
    statusCode: 422,
    message: error.message,
    ...(error.field ? { field: error.field } : {}),
  };
}
