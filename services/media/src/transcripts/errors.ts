import { PermanentError } from '@inlet/kafka-runtime';

// How a transcript fetch fails, by type. The consumer runtime dead-letters a PermanentError at once and retries
// anything else through the retry tiers, so the class IS the routing decision; the code says why.

/** No retry can fix these: the event goes to the DLQ. */
export type TranscriptRefusalCode =
  | 'INLET_TRANSCRIPT_URL_INVALID'
  | 'INLET_TRANSCRIPT_URL_INSECURE'
  | 'INLET_TRANSCRIPT_HOST_NOT_ALLOWED'
  | 'INLET_TRANSCRIPT_ADDRESS_BLOCKED'
  | 'INLET_TRANSCRIPT_NOT_FOUND'
  | 'INLET_TRANSCRIPT_REFUSED'
  | 'INLET_TRANSCRIPT_TOO_MANY_REDIRECTS'
  | 'INLET_TRANSCRIPT_TOO_LARGE'
  | 'INLET_TRANSCRIPT_UNREADABLE';

/** The host may answer later: the event is retried. */
export type TranscriptUnavailableCode =
  'INLET_TRANSCRIPT_TIMEOUT' | 'INLET_TRANSCRIPT_HOST_FAILED' | 'INLET_TRANSCRIPT_HOST_UNREACHABLE';

export class TranscriptRefusedError extends PermanentError {
  declare readonly code: TranscriptRefusalCode;

  constructor(code: TranscriptRefusalCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'TranscriptRefusedError';
  }
}

/**
 * The SSRF guard's refusal: the URL's host is, or resolves to, an address the service must never connect to.
 * Raised before any connection is made (IP literal or DNS answer) or, as a last line, on the connected socket.
 */
export class AddressBlockedError extends TranscriptRefusedError {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(
      'INLET_TRANSCRIPT_ADDRESS_BLOCKED',
      host === address
        ? `${address} is a ${reason} address: transcripts are never fetched from it`
        : `${host} resolves to ${address}, a ${reason} address: transcripts are never fetched from it`,
    );
    this.name = 'AddressBlockedError';
  }
}

export class TranscriptUnavailableError extends Error {
  readonly code: TranscriptUnavailableCode;
  /** Read by the consumer runtime's classification: worth retrying. */
  readonly retryable = true;

  constructor(code: TranscriptUnavailableCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TranscriptUnavailableError';
    this.code = code;
  }
}

export type TranscriptFetchError = TranscriptRefusedError | TranscriptUnavailableError;
