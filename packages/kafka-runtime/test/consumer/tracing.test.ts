import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka, Producer } from 'kafkajs';
import { SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
// @opentelemetry/core comes with sdk-trace-base (a dev dependency); it holds the W3C propagator.
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { waitFor } from '@inlet/test-harness';
import { createServiceConsumer, retryHeaders, consumerTracing } from '../../src/index.js';
import {
  consumerOptions,
  createDatabaseBed,
  createServiceTopics,
  gradeEvent,
  produceEvent,
  readRecords,
  testKafkaClient,
  testLogger,
  testTopics,
  type DatabaseBed,
} from './support/test-bed.js';

describe('tracing', () => {
  let kafka: Kafka;
  let producer: Producer;
  let db: DatabaseBed;
  let cleanup: () => Promise<void>;
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
    kafka = testKafkaClient();
    producer = kafka.producer();
    await producer.connect();
    db = await createDatabaseBed();
  });
  afterAll(async () => {
    await producer.disconnect();
    await cleanup?.();
    await db.close();
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it('continues the producer trace in a CONSUMER span per attempt, retries included, and into the DLQ', async () => {
    const topics = testTopics('tracing', [300]);
    cleanup = await createServiceTopics(kafka, topics, 1, 1);
    const schema = await db.schema();
    const activeInHandler: string[] = [];
    let calls = 0;
    const consumer = createServiceConsumer(
      consumerOptions(
        { kafka, topics, pool: db.pool, schema, log: testLogger() },
        {
          'grade.updated': async (event) => {
            activeInHandler.push(trace.getActiveSpan()?.spanContext().spanId ?? 'none');
            calls++;
            if (event.data.userId === 'retry-once' && calls === 1) throw new Error('try again');
            if (event.data.userId === 'always-fails') throw new Error('never works');
          },
        },
        { tracing: consumerTracing('grades') },
      ),
    );
    await consumer.start();
    try {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const ingressSpanId = '00f067aa0ba902b7';
      const event = gradeEvent(undefined, 'retry-once');
      await produceEvent(producer, topics.main, event, {
        headers: { traceparent: `00-${traceId}-${ingressSpanId}-01` },
      });
      await waitFor(() => consumer.status().processed === 1, { what: 'the retried event' });

      const spans = exporter
        .getFinishedSpans()
        .filter((span) => span.attributes['inlet.event_id'] === event.eventId);
      expect(spans.map((span) => span.name)).toEqual([
        `${topics.main} process`,
        `${topics.retryTiers[0]!.topic} process`,
      ]);
      const [first, retry] = spans;
      for (const span of spans) {
        expect(span.kind).toBe(SpanKind.CONSUMER);
        expect(span.spanContext().traceId).toBe(traceId);
      }
      expect(first!.parentSpanContext?.spanId).toBe(ingressSpanId);
      // The retry record carried the first attempt's span as its traceparent.
      expect(retry!.parentSpanContext?.spanId).toBe(first!.spanContext().spanId);
      // The handler runs inside the database transaction's CLIENT span, a child of each attempt's span.
      const transactions = exporter
        .getFinishedSpans()
        .filter(
          (span) =>
            span.name === 'postgresql transaction' && activeInHandler.includes(span.spanContext().spanId),
        );
      expect(transactions.map((span) => span.parentSpanContext?.spanId)).toEqual([
        first!.spanContext().spanId,
        retry!.spanContext().spanId,
      ]);
      expect(transactions.every((span) => span.kind === SpanKind.INTERNAL)).toBe(true);

      expect(first!.attributes).toMatchObject({
        'messaging.system': 'kafka',
        'messaging.destination.name': topics.main,
        'messaging.kafka.message.key': 'retry-once',
        'messaging.kafka.offset': 0,
        'messaging.operation.type': 'process',
        'messaging.consumer.group.name': topics.consumerGroup,
        'inlet.event_id': event.eventId,
        'inlet.event_type': 'grade.updated',
        'inlet.attempt': 1,
        'inlet.outcome': 'retried',
      });
      expect(first!.status.code).toBe(SpanStatusCode.ERROR);
      expect(first!.events.map((e) => e.name)).toContain('exception');
      expect(retry!.attributes).toMatchObject({ 'inlet.attempt': 2, 'inlet.outcome': 'processed' });
      expect(retry!.status.code).not.toBe(SpanStatusCode.ERROR);

      // The DLQ record continues the trace too.
      const doomed = gradeEvent(undefined, 'always-fails');
      const doomedTrace = 'a3ce929d0e0e47364bf92f3577b34da6';
      await produceEvent(producer, topics.main, doomed, {
        headers: { traceparent: `00-${doomedTrace}-${ingressSpanId}-01` },
      });
      const [dead] = await readRecords(kafka, topics.dlq, 1);
      expect(dead!.headers[retryHeaders.attempt]).toBe('2');
      const lastSpan = exporter
        .getFinishedSpans()
        .filter((span) => span.attributes['inlet.event_id'] === doomed.eventId)
        .at(-1)!;
      expect(lastSpan.attributes['inlet.outcome']).toBe('dead_lettered');
      expect(dead!.headers.traceparent).toBe(`00-${doomedTrace}-${lastSpan.spanContext().spanId}-01`);
    } finally {
      await consumer.stop();
    }
  });

  it('links a replayed dead letter to the trace it came from', async () => {
    const topics = testTopics('tracing-replay', [300]);
    const cleanupReplay = await createServiceTopics(kafka, topics, 1, 1);
    const schema = await db.schema();
    const consumer = createServiceConsumer(
      consumerOptions(
        { kafka, topics, pool: db.pool, schema, log: testLogger() },
        { 'grade.updated': async () => undefined },
        { tracing: consumerTracing('grades') },
      ),
    );
    await consumer.start();
    try {
      const event = gradeEvent(undefined, 'replayed');
      await produceEvent(producer, topics.main, event, {
        headers: {
          traceparent: '00-11111111111111111111111111111111-2222222222222222-01',
          'inlet-original-traceparent': '00-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb-01',
        },
      });
      await waitFor(() => consumer.status().processed === 1, { what: 'the replayed event' });
      const span = exporter
        .getFinishedSpans()
        .find((candidate) => candidate.attributes['inlet.event_id'] === event.eventId)!;
      expect(span.links).toEqual([
        expect.objectContaining({
          context: expect.objectContaining({
            traceId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
            spanId: 'bbbbbbbbbbbbbbbb',
          }),
        }),
      ]);
    } finally {
      await consumer.stop();
      await cleanupReplay();
    }
  });
});
