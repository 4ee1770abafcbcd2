export type KafkaRuntimeErrorCode =
  'INLET_PRODUCE_FAILED' | 'INLET_PRODUCE_TIMEOUT' | 'INLET_PRODUCER_CLOSED' | 'INLET_RECORD_TOO_LARGE';

/**
 * Kafka did not acknowledge a record. Retryable (nothing was acknowledged to anyone, and the same record may
 * go through later), except INLET_RECORD_TOO_LARGE: a record bigger than a produce request may be never will.
 */
export class ProduceError extends Error {
  readonly code: KafkaRuntimeErrorCode;
  readonly retryable: boolean;

  constructor(code: KafkaRuntimeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProduceError';
    this.code = code;
    this.retryable = code !== 'INLET_RECORD_TOO_LARGE';
  }
}
