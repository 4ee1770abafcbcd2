/**
 * A Kafka connection setting that is missing, malformed or refused. `variable` is the environment variable to
 * fix; the message says what is wrong with it and never repeats a secret's value.
 */
export class KafkaSettingsError extends Error {
  readonly variable: string;

  constructor(variable: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KafkaSettingsError';
    this.variable = variable;
  }
}
