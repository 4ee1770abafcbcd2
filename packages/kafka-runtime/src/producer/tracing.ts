import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

// Like the consumer's span, this uses only @opentelemetry/api: without an SDK registered it is a no-op and the
// record's headers gain no trace context.
const tracer = trace.getTracer('@inlet/kafka-runtime');

/** What the producer span reads from a record, and the headers it writes the trace context into. */
export interface TracedRecord {
  topic: string;
  key: string;
  headers: Record<string, string>;
}

/**
 * Runs a Kafka produce inside a PRODUCER span named `<topic> publish` (OpenTelemetry messaging conventions) and
 * puts that span's W3C context into the record's headers, so the consumer's span becomes its child. `send`
 * gets a copy of the record with those headers; the caller's record is left as it was.
 */
export async function withProducerSpan<R extends TracedRecord, T>(
  record: R,
  attributes: Record<string, string>,
  send: (record: R) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(
    `${record.topic} publish`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.destination.name': record.topic,
        'messaging.kafka.message.key': record.key,
        ...attributes,
      },
    },
    async (span) => {
      const headers = { ...record.headers };
      propagation.inject(context.active(), headers);
      try {
        return await send({ ...record, headers });
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
