import { trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';

export interface LoggerOptions {
  /** Appears on every line as `service`. */
  service: string;
  level: string;
  /** Where lines go (stdout when absent; tests pass a stream to read them). */
  destination?: DestinationStream;
  /** More paths to redact, in pino's redact syntax. */
  redact?: string[];
}

/** Anything that may carry a credential, wherever it appears (secrets never reach logs: docs/ARCHITECTURE.md, "What always holds"). */
const alwaysRedacted = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-webhook-signature"]',
  'req.headers["stripe-signature"]',
  'req.headers["webhook-signature"]',
  'req.headers["x-api-key"]',
  '*.password',
  '*.connectionString',
  '*.secrets',
  '*.token',
];

/** Structured JSON logs, one object per line. */
export function createLogger({ service, level, destination, redact = [] }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: { paths: [...alwaysRedacted, ...redact], censor: '[redacted]' },
      // Every line written inside a span carries its ids, so a log line leads to its trace and back.
      mixin() {
        const span = trace.getActiveSpan()?.spanContext();
        return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
      },
    },
    destination,
  );
}
