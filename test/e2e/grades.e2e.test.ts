import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  createTestDatabase,
  kafkaBrokers,
  startOtlpReceiver,
  waitFor,
  type ReceivedSpan,
  type TestDatabase,
} from '@inlet/test-harness';
import { startIngress, type E2eIngress } from './support/ingress.js';
import { startServiceProcess, type ServiceProcess } from './support/service-process.js';

const fixture = (path: string) =>
  readFileSync(new URL(`../../services/ingress/test/fixtures/${path}`, import.meta.url), 'utf8');

// A signed grade webhook at the ingress shows up in the gradebook through the grades read API, with both
// services running as their own processes against real Kafka and PostgreSQL — and both export their spans to
// an OTLP receiver, so the test sees the one trace that runs from the HTTP request to the database write.
// (One file for both: a second grades process in the same consumer group would take half the partitions.)
describe('grade webhook -> ingress -> Kafka -> grades -> read API', () => {
  let database: TestDatabase;
  let ingress: E2eIngress;
  let grades: ServiceProcess;
  let otlp: Awaited<ReturnType<typeof startOtlpReceiver>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    otlp = await startOtlpReceiver();
    const telemetry = { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' };
    [ingress, grades] = await Promise.all([
      startIngress(telemetry),
      startServiceProcess('grades', {
        KAFKA_BROKERS: kafkaBrokers().join(','),
        DATABASE_URL: database.url,
        ...telemetry,
      }),
    ]);
  }, 120_000);
  afterAll(async () => {
    expect(await grades?.stop()).toBe(0);
    expect(await ingress?.stop()).toBe(0);
    otlp?.close();
    await database?.drop();
  });

  it('lands a generic grade and a Canvas grade_change in the gradebook, each once', async () => {
    const userId = `e2e-learner-${Date.now()}`;
    const generic = JSON.stringify({
      type: 'grade.updated',
      data: { userId, resourceLinkId: 'quiz-1', score: 42, maxScore: 50, timestamp: '2026-11-23T12:00:00Z' },
    });
    const accepted = await ingress.postLti(generic);
    expect(accepted.status).toBe(202);
    // The sender retries: same eventId, applied once.
    expect((await ingress.postLti(generic)).json.eventId).toBe(accepted.json.eventId);

    const canvas = await ingress.postLti(fixture('canvas/grade_change.json'));
    expect(canvas.status).toBe(202);

    const gradebook = await waitFor(
      async () => {
        const response = await fetch(`${grades.url}/grades?userId=${userId}`);
        const body = (await response.json()) as {
          items: { resourceLinkId: string; score: number; percentage: number }[];
        };
        return body.items.length > 0 ? body : undefined;
      },
      { timeoutMs: 30_000, what: 'the grade in the gradebook' },
    );
    expect(gradebook.items).toEqual([
      expect.objectContaining({ resourceLinkId: 'quiz-1', score: 42, percentage: 84 }),
    ]);

    const canvasGrade = await waitFor(
      async () => {
        const response = await fetch(`${grades.url}/grades/21070000000000048/21070000000000355`);
        return response.status === 200
          ? ((await response.json()) as { score: number; maxScore: number })
          : undefined;
      },
      { timeoutMs: 30_000, what: 'the Canvas grade in the gradebook' },
    );
    expect(canvasGrade).toMatchObject({ score: 87, maxScore: 100 });
  }, 90_000);

  it('traces one webhook from the HTTP request through produce and consume to the database write', async () => {
    const userId = `e2e-traced-${Date.now()}`;
    const senderTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const body = JSON.stringify({
      type: 'grade.created',
      data: { userId, resourceLinkId: 'essay-1', score: 7, maxScore: 10, timestamp: '2026-11-23T13:00:00Z' },
    });
    const accepted = await ingress.postLti(body, { traceparent: `00-${senderTraceId}-00f067aa0ba902b7-01` });
    expect(accepted.status).toBe(202);
    const eventId = accepted.json.eventId!;

    const trace = await otlp.waitForTrace(senderTraceId, [
      { service: 'ingress', name: 'POST /webhooks/lti/events' },
      { service: 'ingress', name: 'inlet.grades.v1 publish' },
      { service: 'grades', name: 'inlet.grades.v1 process' },
      { service: 'grades', name: 'postgresql transaction' },
    ]);
    const find = (service: string, name: string) =>
      trace.find((candidate) => candidate.service === service && candidate.name === name)!;
    const ancestors = (span: ReceivedSpan) => ancestorsOf(span, trace);
    // The SERVER span, continuing the sender's traceparent, named by route, annotated with the event once it
    // is known: the one span of the request itself.
    const server = find('ingress', 'POST /webhooks/lti/events');
    const publish = find('ingress', 'inlet.grades.v1 publish');
    const consume = find('grades', 'inlet.grades.v1 process');
    const write = find('grades', 'postgresql transaction');
    expect(server.parentSpanId).toBe('00f067aa0ba902b7');
    expect(trace.filter((span) => span.service === 'ingress' && span.name === 'request')).toEqual([]);
    expect(ancestors(publish)).toContain(server.spanId);
    expect(consume.parentSpanId).toBe(publish.spanId);
    expect(write.parentSpanId).toBe(consume.spanId);
    // pg instrumentation: each statement of the transaction, under it.
    const queries = trace.filter((span) => span.service === 'grades' && span.name.startsWith('pg.query'));
    expect(queries.filter((span) => span.parentSpanId === write.spanId).length).toBeGreaterThan(0);
    expect(server.attributes).toMatchObject({
      'inlet.event_id': eventId,
      'inlet.event_type': 'grade.created',
      'inlet.source': 'e2e-lti',
    });
    expect(consume.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': 'inlet.grades.v1',
      'inlet.event_id': eventId,
    });
  }, 60_000);
});
