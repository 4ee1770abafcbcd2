import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ancestorsOf, createTestDatabase, startOtlpReceiver, type TestDatabase } from '@inlet/test-harness';
import { exportsTraces } from '../src/index.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const senderTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const senderSpanId = '00f067aa0ba902b7';
// OTLP's span kinds
const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;

interface FixtureRun {
  exporting: boolean;
  answer: { traceparent?: string };
}

/** Runs the fixture service in its own process, as the services run: the SDK must start before pg and http load. */
async function runTracedService(env: Record<string, string>): Promise<FixtureRun> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=@inlet/source', '--import', 'tsx', 'test/fixtures/traced-service.ts'],
    {
      cwd: packageDir,
      env: { ...process.env, SENDER_TRACEPARENT: `00-${senderTraceId}-${senderSpanId}-01`, ...env },
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as FixtureRun;
}

describe('startTelemetry', () => {
  let database: TestDatabase;
  let otlp: Awaited<ReturnType<typeof startOtlpReceiver>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    otlp = await startOtlpReceiver();
  });
  afterAll(async () => {
    otlp?.close();
    await database?.drop();
  });

  it('traces HTTP (by route) in one SERVER span, each pg query and the produce, in the sender trace', async () => {
    const run = await runTracedService({
      DATABASE_URL: database.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
    });
    expect(run.exporting).toBe(true);

    const spans = await otlp.waitForTrace(senderTraceId, [
      { service: 'telemetry-fixture', name: 'POST /things/:id' },
      { service: 'telemetry-fixture', name: 'inlet.things.v1 publish' },
    ]);
    const named = (name: string) => spans.find((span) => span.name === name)!;

    // The SERVER span (fastify-tracing.ts), continuing the sender's trace, named by the route.
    const server = named('POST /things/:id');
    expect(server.kind).toBe(SERVER);
    expect(server.parentSpanId).toBe(senderSpanId);
    expect(server.attributes).toMatchObject({
      'http.route': '/things/:id',
      'http.response.status_code': 200,
    });

    // It carries what annotateRequest adds, and is the only span of the request itself.
    expect(server.attributes['inlet.event_id']).toBe('event-1');
    expect(spans.filter((span) => span.kind === SERVER || span.name === 'request')).toEqual([server]);

    // pg instrumentation: the statement, never the bound values (they carry personal data).
    const query = spans.find((span) => span.kind === CLIENT && span.name.startsWith('pg.query'));
    expect(query, spans.map((span) => span.name).join(', ')).toBeDefined();
    expect(ancestorsOf(query!, spans)).toContain(server.spanId);
    expect(JSON.stringify(query!.attributes)).toContain('SELECT $1::text AS id');
    expect(JSON.stringify(query!.attributes)).not.toContain('secret-value');

    // The produce: a PRODUCER span whose context is what goes into the Kafka headers.
    const publish = named('inlet.things.v1 publish');
    expect(publish.kind).toBe(PRODUCER);
    expect(ancestorsOf(publish, spans)).toContain(server.spanId);
    expect(run.answer.traceparent).toBe(`00-${senderTraceId}-${publish.spanId}-01`);

    // Probes are not traced.
    expect(spans.filter((span) => span.name.includes('/health'))).toEqual([]);
  }, 30_000);

  it('keeps the shape with a context that does not follow awaits (the ingress): produce via runInRequestContext', async () => {
    const traceId = '5bf92f3577b34da6a3ce929d0e0e4736';
    const run = await runTracedService({
      DATABASE_URL: database.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
      FIXTURE_ASYNC_CONTEXT: 'false',
      SENDER_TRACEPARENT: `00-${traceId}-${senderSpanId}-01`,
    });
    const spans = await otlp.waitForTrace(traceId, [
      { service: 'telemetry-fixture', name: 'POST /things/:id' },
      { service: 'telemetry-fixture', name: 'inlet.things.v1 publish' },
    ]);
    const named = (name: string) => spans.find((span) => span.name === name)!;
    const server = named('POST /things/:id');
    expect(server.parentSpanId).toBe(senderSpanId);
    expect(server.attributes['inlet.event_id']).toBe('event-1');
    // The query starts before the handler's first await: the handler's channel makes the request active.
    const query = spans.find((span) => span.kind === CLIENT && span.name.startsWith('pg.query'));
    expect(ancestorsOf(query!, spans)).toContain(server.spanId);
    const publish = named('inlet.things.v1 publish');
    expect(publish.parentSpanId).toBe(server.spanId);
    expect(run.answer.traceparent).toBe(`00-${traceId}-${publish.spanId}-01`);
  }, 30_000);

  it('is off without an endpoint: nothing instrumented, no trace context put on records', async () => {
    const run = await runTracedService({ DATABASE_URL: database.url, OTEL_EXPORTER_OTLP_ENDPOINT: '' });
    expect(run.exporting).toBe(false);
    expect(run.answer.traceparent).toBeUndefined();
  }, 30_000);

  it('exports only to a configured endpoint, and not when OTEL_SDK_DISABLED or OTEL_TRACES_EXPORTER=none', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(exportsTraces({})).toBe(false);
    expect(exportsTraces(endpoint)).toBe(true);
    expect(exportsTraces({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(
      true,
    );
    expect(exportsTraces({ ...endpoint, OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(exportsTraces({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
  });
});
