import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('@inlet/telemetry');

export interface TracedRecord {
  topic: string;
  key: string;
  headers: Record<string, string>;
}

/**
 * Runs a Kafka produce inside a PRODUCER span (OpenTelemetry messaging conventions) and puts that span's W3C
 * context into the record's headers, so the consumer's span becomes its child.
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
