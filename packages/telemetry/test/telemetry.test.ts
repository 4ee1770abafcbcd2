import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { fastifyTracing, inRequestContext, startTelemetry, withProducerSpan } from '../src/index.js';

describe('telemetry', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => provider.register());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
  });

  it('continues the caller trace in a SERVER span, and the produce inside it in a PRODUCER child', async () => {
    const app = Fastify();
    await app.register(fastifyTracing);
    let sentHeaders: Record<string, string> = {};
    app.post('/webhooks/:id', async (request) =>
      inRequestContext(request, () =>
        withProducerSpan(
          { topic: 'inlet.grades.v1', key: 'u-1', headers: { 'inlet-event-id': 'e-1' } },
          {},
          async (record) => {
            sentHeaders = record.headers;
            return { ok: true };
          },
        ),
      ),
    );
    const response = await app.inject({
      method: 'POST',
      url: '/webhooks/abc?x=1',
      payload: {},
      headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    });
    expect(response.statusCode).toBe(200);

    const spans = exporter.getFinishedSpans();
    const server = spans.find((span) => span.kind === SpanKind.SERVER)!;
    const producer = spans.find((span) => span.kind === SpanKind.PRODUCER)!;
    expect(server.name).toBe('POST /webhooks/:id');
    expect(server.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(server.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(server.attributes).toMatchObject({
      'http.route': '/webhooks/:id',
      'http.response.status_code': 200,
    });
    expect(producer.name).toBe('inlet.grades.v1 publish');
    expect(producer.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(sentHeaders.traceparent).toBe(
      `00-4bf92f3577b34da6a3ce929d0e0e4736-${producer.spanContext().spanId}-01`,
    );
    expect(sentHeaders['inlet-event-id']).toBe('e-1');
  });

  it('leaves health and metrics routes untraced', async () => {
    exporter.reset();
    const app = Fastify();
    await app.register(fastifyTracing);
    app.get('/health/live', async () => ({ status: 'ok' }));
    await app.inject({ url: '/health/live' });
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });

  it('exports only when an OTLP endpoint is configured', async () => {
    const off = startTelemetry('test', {});
    expect(off.exporting).toBe(false);
    await off.shutdown();
    const disabled = startTelemetry('test', {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1',
      OTEL_SDK_DISABLED: 'true',
    });
    expect(disabled.exporting).toBe(false);
    await disabled.shutdown();
    provider.register();
  });
});
