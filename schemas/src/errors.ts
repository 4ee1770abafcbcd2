/**
 * The codec's errors. Callers tell them apart by `code` (and decide retries by `retryable`), never by message.
 * Messages name fields and types only, never values: an event may carry personal data or secrets.
 */

/** The event does not fit its schema; producing it again will not help. */
export class EventValidationError extends Error {
  readonly code = 'INLET_EVENT_INVALID';
  readonly retryable = false;
  /** The offending field's path in the event, e.g. `data.score` or `data.events[2].type`; '' for the event. */
  readonly field: string;

  constructor(field: string, problem: string) {
    super(field ? `invalid event: ${field} ${problem}` : `invalid event: ${problem}`);
    this.name = 'EventValidationError';
    this.field = field;
  }
}

/**
 * A Kafka value that cannot become an InletEvent: not the wire format, an unknown schema id, bytes that do not
 * match their schema. Permanent: the consumer runtime sends it straight to the DLQ.
 */
export class UndecodableEventError extends Error {
  readonly code = 'INLET_EVENT_UNDECODABLE';
  readonly retryable = false;
  /** The schema id from the value's header, when it got that far. */
  readonly schemaId: number | undefined;

  constructor(reason: string, options: { schemaId?: number; cause?: unknown } = {}) {
    super(`undecodable event: ${reason}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UndecodableEventError';
    this.schemaId = options.schemaId;
  }
}
