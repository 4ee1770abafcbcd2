import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacHeader } from './helpers/sign.js';
import { secrets, startTestIngress, watchTopic, type TestIngress } from './helpers/test-ingress.js';

const gradeWebhook = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'grade.updated',
    data: {
      userId: 'user-42',
      resourceLinkId: 'link-7',
      score: 85,
      maxScore: 100,
      timestamp: '2026-11-23T12:00:00Z',
      gradeId: 'grade-1',
      ...overrides,
    },
  });

describe('POST /webhooks/lti/events (generic HMAC)', () => {
  let ingress: TestIngress;
  let grades: Awaited<ReturnType<typeof watchTopic>>;

  beforeAll(async () => {
    ingress = await startTestIngress();
    grades = await watchTopic(ingress.kafka, 'inlet.grades.v1');
  });
  afterAll(async () => {
    await grades.stop();
    await ingress.close();
  });

  const post = (
    body: string,
    headers: Record<string, string> = {},
    url = '/webhooks/lti/events?source=test-lti',
  ) =>
    ingress.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: {
        'content-type': 'application/json',
        'x-webhook-signature': hmacHeader(secrets.lti, body),
        ...headers,
      },
    });

  it('answers 202 with the eventId only after the event is on Kafka, keyed by the user', async () => {
    const body = gradeWebhook();
    const response = await post(body);
    expect(response.statusCode).toBe(202);
    const { eventId, type, status } = response.json<{ eventId: string; type: string; status: string }>();
    expect(type).toBe('grade.updated');
    expect(status).toBe('accepted');

    const record = await grades.waitForEvent(eventId);
    expect(record.key).toBe('user-42');
    expect(record.headers).toMatchObject({
      'inlet-event-id': eventId,
      'inlet-event-type': 'grade.updated',
      'inlet-source': 'test-lti',
    });
    expect(record.event).toMatchObject({
      eventId,
      type: 'grade.updated',
      source: 'test-lti',
      occurredAt: Date.parse('2026-11-23T12:00:00Z'),
      data: { userId: 'user-42', resourceLinkId: 'link-7', score: 85, maxScore: 100, gradeId: 'grade-1' },
    });
  });

  it('gives a retried webhook the same eventId, and a different webhook another', async () => {
    const body = gradeWebhook({ score: 90 });
    const first = (await post(body)).json<{ eventId: string }>().eventId;
    const second = (await post(body)).json<{ eventId: string }>().eventId;
    const other = (await post(gradeWebhook({ score: 91 }))).json<{ eventId: string }>().eventId;
    expect(second).toBe(first);
    expect(other).not.toBe(first);
  });

  it('accepts the previous secret during rotation', async () => {
    const body = gradeWebhook({ score: 70 });
    const response = await post(body, { 'x-webhook-signature': hmacHeader(secrets.ltiPrevious, body) });
    expect(response.statusCode).toBe(202);
  });

  it.each([
    ['a wrong signature', { 'x-webhook-signature': hmacHeader('not-the-secret', gradeWebhook()) }, 401],
    ['no signature', { 'x-webhook-signature': '' }, 401],
    ['a signature of another body', { 'x-webhook-signature': hmacHeader(secrets.lti, '{}') }, 401],
  ])('refuses %s with 401 problem+json that reveals no secret', async (_name, headers, status) => {
    const response = await post(gradeWebhook(), headers);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json<{ status: number; code: string; detail: string }>();
    expect(problem.status).toBe(status);
    expect(problem.code).toMatch(/^INLET_AUTH_/);
    expect(response.body).not.toContain(secrets.lti);
    expect(response.body).not.toContain(hmacHeader(secrets.lti, gradeWebhook()).slice(7));
  });

  it("answers 422 naming the field for another route's type or a wrongly typed field", async () => {
    const misrouted = await post(JSON.stringify({ type: 'payment.success', data: {} }));
    expect(misrouted.statusCode).toBe(422);
    expect(misrouted.json()).toMatchObject({ code: 'INLET_UNKNOWN_EVENT_TYPE', field: '/type' });

    // A type no mapping knows is authentic all the same: kept on inlet.unmapped.v1 (unmapped.test.ts).
    const unknown = await post(JSON.stringify({ type: 'grade.exploded', data: {} }));
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toMatchObject({ status: 'unmapped', sourceEventName: 'grade.exploded' });

    const wrongType = await post(gradeWebhook({ score: 'eighty-five' }));
    expect(wrongType.statusCode).toBe(422);
    expect(wrongType.json()).toMatchObject({ code: 'INLET_INVALID_EVENT', field: '/data/score' });

    const missing = await post(JSON.stringify({ type: 'grade.updated', data: { resourceLinkId: 'x' } }));
    expect(missing.statusCode).toBe(422);
    expect(missing.json<{ detail: string }>().detail).toMatch(/userId/);
  });

  it('answers 400 for a body that is not JSON, 415 for another content type, 413 beyond the body limit', async () => {
    const notJson = await post('{"type": ');
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ code: 'INLET_BODY_NOT_JSON' });

    const xml = await post('<grade/>', { 'content-type': 'application/xml' });
    expect(xml.statusCode).toBe(415);
    expect(xml.headers['content-type']).toMatch(/^application\/problem\+json/);

    const big = await post(gradeWebhook({ comment: 'x'.repeat(1_100_000) }));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'INLET_BODY_TOO_LARGE' });
  });

  it('answers 404 for an unknown source and 400 without one', async () => {
    const unknown = await post(gradeWebhook(), {}, '/webhooks/lti/events?source=nobody');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'INLET_SOURCE_UNKNOWN' });
    const missing = await post(gradeWebhook(), {}, '/webhooks/lti/events');
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ detail: string }>().detail).toMatch(/\?source=/);
  });

  it('produces nothing for any refused webhook', async () => {
    const before = grades.seen.length;
    await post(gradeWebhook({ userId: 'refused-user' }), { 'x-webhook-signature': hmacHeader('wrong', 'x') });
    await post(gradeWebhook({ userId: 'refused-user', score: 'bad' }));
    await post(JSON.stringify({ type: 'grade.exploded', data: { userId: 'refused-user' } }));
    // A valid sentinel on the same key: once it arrived, anything produced before it would have too.
    const sentinel = (await post(gradeWebhook({ userId: 'refused-user', score: 1 }))).json<{
      eventId: string;
    }>();
    await grades.waitForEvent(sentinel.eventId);
    const forUser = grades.seen.slice(before).filter((record) => record.key === 'refused-user');
    expect(forUser.map((record) => record.event.eventId)).toEqual([sentinel.eventId]);
  });

  it('counts requests and accepted events in /metrics', async () => {
    const metrics = await ingress.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(
      /inlet_ingress_requests_total\{family="lti",source="test-lti",status="202"\} \d+/,
    );
    expect(metrics.body).toMatch(
      /inlet_ingress_events_accepted_total\{source="test-lti",type="grade.updated"\} \d+/,
    );
    expect(metrics.body).toMatch(
      /inlet_ingress_requests_total\{family="lti",source="test-lti",status="401"\} \d+/,
    );
  });
});
