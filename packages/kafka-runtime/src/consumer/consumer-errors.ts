export type ConsumerErrorCode =
  | 'INLET_CONSUMER_CONFIG_INVALID'
  | 'INLET_KAFKA_UNREACHABLE'
  | 'INLET_TOPIC_MISSING'
  | 'INLET_DATABASE_UNREACHABLE'
  | 'INLET_PROCESSED_TABLE_MISSING'
  | 'INLET_CONSUMER_JOIN_FAILED'
  | 'INLET_DATABASE_FAILED'
  | 'INLET_SCHEMA_REGISTRY_UNAVAILABLE';

/**
 * A failure of the consumer itself (configuration, Kafka, PostgreSQL, the schema registry), never of one
 * message. At start it makes start() reject with a message that says what to fix; while consuming it stops the
 * partition so the message is redelivered instead of burning its retries.
 */
export class ConsumerError extends Error {
  readonly code: ConsumerErrorCode;
  /** Configuration and missing topics/tables need a person; outages pass. */
  readonly retryable: boolean;

  constructor(code: ConsumerErrorCode, message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConsumerError';
    this.code = code;
    this.retryable = options.retryable;
  }
}
