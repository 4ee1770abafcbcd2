import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
// @opentelemetry/core comes with sdk-trace-base (a dev dependency); it holds the W3C propagator.
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { withProducerSpan } from '../../src/index.js';

describe('withProducerSpan', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
  });
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it("sends the record inside a PRODUCER span whose context travels in the record's headers", async () => {
    exporter.reset();
    const record = { topic: 'inlet.grades.v1', key: 'user-1', headers: { 'inlet-event-id': 'event-1' } };
    const sent = await withProducerSpan(record, { 'inlet.event_id': 'event-1' }, async (traced) => traced);

    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('inlet.grades.v1 publish');
    expect(span?.kind).toBe(SpanKind.PRODUCER);
    expect(span?.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.operation.type': 'send',
      'messaging.destination.name': 'inlet.grades.v1',
      'messaging.kafka.message.key': 'user-1',
      'inlet.event_id': 'event-1',
    });
    const { traceId, spanId } = span!.spanContext();
    expect(sent.headers).toEqual({ 'inlet-event-id': 'event-1', traceparent: `00-${traceId}-${spanId}-01` });
    // The caller's record is not changed.
    expect(record.headers).toEqual({ 'inlet-event-id': 'event-1' });
  });

  it('is a child of the span active when the produce starts', async () => {
    exporter.reset();
    const tracer = trace.getTracer('test');
    await tracer.startActiveSpan('request', async (request) => {
      await withProducerSpan({ topic: 't', key: 'k', headers: {} }, {}, async () => undefined);
      request.end();
    });
    const spans = exporter.getFinishedSpans();
    const request = spans.find((span) => span.name === 'request')!;
    const publish = spans.find((span) => span.name === 't publish')!;
    expect(publish.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(publish.spanContext().traceId).toBe(request.spanContext().traceId);
  });

  it('marks the span failed and rethrows when the send fails', async () => {
    exporter.reset();
    const failure = withProducerSpan({ topic: 't', key: 'k', headers: {} }, {}, () =>
      Promise.reject(new Error('not acknowledged')),
    );
    await expect(failure).rejects.toThrow('not acknowledged');
    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'not acknowledged' });
    expect(span?.events.map((event) => event.name)).toEqual(['exception']);
  });
});
