import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicOfEventType } from '@inlet/schemas';
import { uniqueName } from '@inlet/test-harness';
import { hmacHeader } from './helpers/sign.js';
import { secrets, startTestIngress, watchTopic, type TestIngress } from './helpers/test-ingress.js';

const mib = 1024 * 1024;

/** A grade webhook whose comment makes it `bytes` long (about). */
function gradeWebhook(resourceLinkId: string, index: number, bytes: number): string {
  const envelope = (comment: string) =>
    JSON.stringify({
      type: 'grade.updated',
      data: {
        userId: 'user-heavy',
        resourceLinkId,
        score: index,
        maxScore: 100,
        timestamp: '2026-11-23T12:00:00Z',
        comment,
      },
    });
  return envelope('x'.repeat(Math.max(0, bytes - envelope('').length)));
}

describe('webhooks near the size limits', () => {
  let ingress: TestIngress;
  let roomy: TestIngress;
  let grades: Awaited<ReturnType<typeof watchTopic>>;

  beforeAll(async () => {
    ingress = await startTestIngress({ produceTimeoutMs: 20_000 });
    // A body limit above what one produce request may carry (a misconfiguration BODY_LIMIT_BYTES allows).
    roomy = await startTestIngress({ bodyLimit: 6 * mib, produceTimeoutMs: 20_000 });
    grades = await watchTopic(ingress.kafka, topicOfEventType('grade.updated'));
  });
  afterAll(async () => {
    await grades?.stop();
    await ingress?.close();
    await roomy?.close();
  });

  const post = (target: TestIngress, body: string) =>
    target.app.inject({
      method: 'POST',
      url: '/webhooks/lti/events?source=test-lti',
      payload: body,
      headers: { 'content-type': 'application/json', 'x-webhook-signature': hmacHeader(secrets.lti, body) },
    });

  it('accepts eight bodies at the 1 MiB limit sent together on one key, and small ones beside them', async () => {
    const link = uniqueName('link');
    const big = Array.from({ length: 8 }, (_, i) => gradeWebhook(link, i, mib - 1024));
    const small = Array.from({ length: 8 }, (_, i) => gradeWebhook(link, 100 + i, 300));
    const responses = await Promise.all([...big, ...small].map((body) => post(ingress, body)));
    expect(
      responses.map((response) => `${response.statusCode} ${response.json<{ code?: string }>().code ?? ''}`),
    ).toEqual(Array(16).fill('202 '));
    const ids = responses.map((response) => response.json<{ eventId: string }>().eventId);
    for (const id of ids) await grades.waitForEvent(id);
  }, 60_000);

  it('answers 413, not 503, for an event larger than any produce request, and takes no other down', async () => {
    const link = uniqueName('link');
    const [huge, small] = await Promise.all([
      post(roomy, gradeWebhook(link, 1, Math.round(4.5 * mib))),
      post(roomy, gradeWebhook(link, 2, 300)),
    ]);
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(huge.headers['retry-after']).toBeUndefined();
    expect(huge.json()).toMatchObject({ status: 413, code: 'INLET_RECORD_TOO_LARGE' });
    expect(small.statusCode).toBe(202);
  }, 60_000);
});
