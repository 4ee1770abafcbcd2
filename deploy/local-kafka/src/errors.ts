/** A launcher failure that tells the reader what to do about it. */
export class LocalKafkaError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalKafkaError';
    this.code = code;
  }
}
