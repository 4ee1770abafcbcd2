export type KafkaRuntimeErrorCode =
  'INLET_PRODUCE_FAILED' | 'INLET_PRODUCE_TIMEOUT' | 'INLET_PRODUCER_CLOSED';

/** Kafka did not acknowledge a record. Always retryable: nothing was acknowledged to anyone. */
export class ProduceError extends Error {
  readonly code: KafkaRuntimeErrorCode;
  readonly retryable = true;

  constructor(code: KafkaRuntimeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProduceError';
    this.code = code;
  }
}
