import {
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Span,
  type SpanContext,
  type TextMapGetter,
} from '@opentelemetry/api';
import type { MessageTracing, ProcessedMessageInfo } from './message-info.js';

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
 * Traces each message in a CONSUMER span named `<topic> process`, a child of the context in the message's
 * `traceparent` header, with the messaging semantic-convention attributes. Its decoding and its retry/DLQ
 * produce run inside it, so the trace runs ingress -> consume -> each retry -> DLQ. Its part of the batch
 * transaction gets an INTERNAL `postgresql transaction` span beneath it, under which the pg instrumentation
 * puts the statements of its handler (and, for the batch's first message, the BEGIN, the id INSERT and the
 * COMMIT that all of the batch share).
 */
export function consumerTracing(serviceName: string): MessageTracing {
  const tracer = trace.getTracer(serviceName);
  return {
    start(message) {
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
      const inSpan = trace.setSpan(parent, span);
      let database: { span: Span; context: Context } | undefined;
      return {
        inMessage: (work) => context.with(inSpan, work),
        openTransaction(table, batchEvents) {
          const child = tracer.startSpan(
            'postgresql transaction',
            {
              kind: SpanKind.INTERNAL,
              attributes: {
                'db.system.name': 'postgresql',
                'db.operation.name': 'transaction',
                'db.collection.name': table,
                'inlet.batch.events': batchEvents,
              },
            },
            inSpan,
          );
          database = { span: child, context: trace.setSpan(inSpan, child) };
        },
        inTransaction: (work) => context.with(database?.context ?? inSpan, work),
        closeTransaction(error) {
          if (!database) return;
          if (error !== undefined) markFailed(database.span, error);
          database.span.end();
          database = undefined;
        },
        end(error) {
          if (message.eventId) span.setAttribute('inlet.event_id', message.eventId);
          if (message.eventType) span.setAttribute('inlet.event_type', message.eventType);
          const outcome = message.outcome;
          if (outcome) {
            span.setAttribute('inlet.outcome', outcome.result);
            if (outcome.destination) span.setAttribute('inlet.destination', outcome.destination);
            if (outcome.error !== undefined) markFailed(span, outcome.error);
          } else if (error !== undefined) {
            markFailed(span, error);
          }
          span.end();
        },
      };
    },
  };
}

function markFailed(span: Span, error: unknown): void {
  span.recordException(asException(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: asException(error).message });
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
