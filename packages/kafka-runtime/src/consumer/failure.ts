import { PermanentError } from './types.js';
import { truncateUtf8 } from './message-headers.js';

/** Longest error message or stack written into a header (it travels with every retry and DLQ copy). */
export const maxErrorHeaderBytes = 2048;

/**
 * Whether no retry can fix this failure: a PermanentError, or any error that says `retryable: false` (the
 * codec's UndecodableEventError and EventValidationError do). Decided by type and flag, never by message text.
 */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof PermanentError) return true;
  return (
    typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === false
  );
}

/**
 * Whether a decode failure is an outage rather than the message's fault: an error that says it is worth retrying
 * (the codec's SchemaRegistryUnavailableError when the registry is down). Decoding is a function of the bytes
 * and the registry alone, so such a failure says nothing about the message: it is redelivered, with no attempt
 * spent, until the registry answers. Any other decode failure is permanent (undecodable).
 */
export function isDecodeOutage(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === true;
}

export interface FailureDescription {
  errorClass: string;
  message: string;
  code: string | undefined;
  stack: string | undefined;
}

/** What the retry and DLQ headers say about a failure; anything thrown, not only Errors. */
export function describeFailure(error: unknown): FailureDescription {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      errorClass: error.name && error.name !== 'Error' ? error.name : error.constructor.name || 'Error',
      message: truncateUtf8(error.message, maxErrorHeaderBytes),
      code: typeof code === 'string' || typeof code === 'number' ? String(code) : undefined,
      stack: error.stack === undefined ? undefined : truncateUtf8(error.stack, maxErrorHeaderBytes),
    };
  }
  return {
    errorClass: typeof error,
    message: truncateUtf8(String(error), maxErrorHeaderBytes),
    code: undefined,
    stack: undefined,
  };
}
