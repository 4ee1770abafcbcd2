import {
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Attributes,
  type SpanContext,
  type TextMapGetter,
} from '@opentelemetry/api';
import type { ProcessInterceptor, ProcessedMessageInfo } from './interceptor.js';

// The runtime uses only @opentelemetry/api: without an SDK registered every call here is a no-op, and a
// service that registers one (with a context manager and the W3C propagator) gets real spans.

const headerGetter: TextMapGetter<Record<string, string>> = {
  get: (carrier, key) => carrier[key],
  keys: (carrier) => Object.keys(carrier),
};

/**
 * The W3C trace context (traceparent, tracestate) of the active context, as Kafka headers. Retry and DLQ
 * records carry it so the next attempt's span continues the same trace. Empty when nothing is registered.
 */
export function traceContextHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/**
 * Runs each message's processing inside a CONSUMER span named `<topic> process`, a child of the context in
 * the message's `traceparent` header, with the messaging semantic-convention attributes. The retry/DLQ
 * produce happens inside it, so the trace runs ingress -> consume -> each retry -> DLQ.
 */
export function tracingInterceptor(serviceName: string): ProcessInterceptor {
  const tracer = trace.getTracer(serviceName);
  return async (message, run) => {
    const parent = propagation.extract(context.active(), message.headers, headerGetter);
    const replayedFrom = linkToOriginal(message.headers['inlet-original-traceparent']);
    const span = tracer.startSpan(
      `${message.topic} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: spanAttributes(message),
        ...(replayedFrom
          ? { links: [{ context: replayedFrom, attributes: { 'inlet.link': 'replayed-from' } }] }
          : {}),
      },
      parent,
    );
    try {
      const result = await context.with(trace.setSpan(parent, span), run);
      const outcome = message.outcome;
      if (message.eventId) span.setAttribute('inlet.event_id', message.eventId);
      if (message.eventType) span.setAttribute('inlet.event_type', message.eventType);
      if (outcome) {
        span.setAttribute('inlet.outcome', outcome.result);
        if (outcome.destination) span.setAttribute('inlet.destination', outcome.destination);
        if (outcome.error !== undefined) {
          span.recordException(asException(outcome.error));
          span.setStatus({ code: SpanStatusCode.ERROR, message: asException(outcome.error).message });
        }
      }
      return result;
    } catch (error) {
      span.recordException(asException(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: asException(error).message });
      throw error;
    } finally {
      span.end();
    }
  };
}

function spanAttributes(message: ProcessedMessageInfo): Attributes {
  const attributes: Attributes = {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.operation.name': 'process',
    'messaging.destination.name': message.topic,
    'messaging.destination.partition.id': String(message.partition),
    'messaging.kafka.offset': Number(message.offset),
    'messaging.consumer.group.name': message.consumerGroup,
    'inlet.attempt': message.attempt,
  };
  if (message.key !== undefined) attributes['messaging.kafka.message.key'] = message.key;
  if (message.eventId) {
    attributes['messaging.message.id'] = message.eventId;
    attributes['inlet.event_id'] = message.eventId;
  }
  if (message.eventType) attributes['inlet.event_type'] = message.eventType;
  return attributes;
}

function asException(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * A dead letter replayed by `inlet dlq replay` carries the traceparent of the webhook it came from: the
 * replayed attempt's span links to it, so the original trace is one click away.
 */
function linkToOriginal(traceparent: string | undefined): SpanContext | undefined {
  const match = traceparent ? /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(traceparent) : null;
  if (!match) return undefined;
  return {
    traceId: match[1]!,
    spanId: match[2]!,
    traceFlags: Number.parseInt(match[3]!, 16),
    isRemote: true,
  };
}

/**
 * Runs the handler's PostgreSQL transaction (its effect and the processed-event record, atomically) inside one
 * span under the consume span; the pg instrumentation adds a CLIENT span per query beneath it (a no-op without
 * an SDK).
 */
export function withDatabaseSpan<T>(table: string, work: () => Promise<T>): Promise<T> {
  return trace.getTracer('@inlet/kafka-runtime').startActiveSpan(
    'postgresql transaction',
    {
      kind: SpanKind.INTERNAL,
      attributes: {
        'db.system.name': 'postgresql',
        'db.operation.name': 'transaction',
        'db.collection.name': table,
      },
    },
    async (span) => {
      try {
        return await work();
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
