import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicOfEventType } from '@inlet/schemas';
import { uniqueName, waitFor } from '@inlet/test-harness';
import { hmacHeader } from './helpers/sign.js';
import { secrets, startTestIngress, watchTopic, type TestIngress } from './helpers/test-ingress.js';

const budget = 900;
const bodyBytes = 200;

/** A signed generic grade webhook of the test LTI source, its comment padding it to exactly 200 bytes. */
function gradeWebhook(userId: string) {
  const json = (comment: string) =>
    JSON.stringify({
      type: 'grade.updated',
      data: {
        userId,
        resourceLinkId: 'quiz-1',
        score: 7,
        maxScore: 10,
        timestamp: '2026-11-23T12:00:00Z',
        comment,
      },
    });
  const body = json('x'.repeat(bodyBytes - json('').length));
  return {
    method: 'POST' as const,
    url: '/webhooks/lti/events?source=test-lti',
    payload: body,
    headers: { 'content-type': 'application/json', 'x-webhook-signature': hmacHeader(secrets.lti, body) },
  };
}

// While Kafka has not acknowledged, each webhook holds its body; the budget bounds what all of them hold.
describe('bytes in flight', () => {
  let ingress: TestIngress;
  let grades: Awaited<ReturnType<typeof watchTopic>>;
  // Produces wait for this gate while a test holds it (the real producer and broker behind it).
  let gate: Promise<void> = Promise.resolve();
  let open = () => {};
  const hold = () => {
    gate = new Promise((resolve) => (open = resolve));
  };

  beforeAll(async () => {
    ingress = await startTestIngress({
      bodyLimit: 450,
      maxInFlightBytes: budget,
      beforeProduce: () => gate,
    });
    grades = await watchTopic(ingress.kafka, topicOfEventType('grade.updated'));
  });
  afterAll(async () => {
    open();
    await grades?.stop();
    await ingress?.close();
  });

  const metric = async (name: string) =>
    (await ingress.metrics.registry.getSingleMetric(name)!.get()).values[0]?.value ?? 0;

  it('refuses with 503 and Retry-After what would pass the budget, produces nothing of it, and admits it once the budget is free', async () => {
    hold();
    const [first, second, third, fourth] = [1, 2, 3, 4].map(() => uniqueName('learner'));
    const held = [first, second, third, fourth].map((userId) => ingress.app.inject(gradeWebhook(userId!)));
    // Four bodies of 200 bytes fit in 900; a fifth does not.
    await waitFor(async () => (await metric('inlet_ingress_in_flight_bytes')) === 800, {
      what: 'four webhooks in flight',
    });
    const refusedUser = uniqueName('refused');
    const refused = await ingress.app.inject(gradeWebhook(refusedUser));
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ status: 503, code: 'INLET_INGRESS_BUSY' });
    expect(await metric('inlet_ingress_busy_refusals_total')).toBe(1);

    open();
    for (const response of await Promise.all(held)) expect(response.statusCode).toBe(202);
    await waitFor(async () => (await metric('inlet_ingress_in_flight_bytes')) === 0, {
      what: 'the budget released',
    });

    // The sender's retry is accepted; until then nothing of the refused webhook was on the topic.
    const sentinel = uniqueName('sentinel');
    expect((await ingress.app.inject(gradeWebhook(sentinel))).statusCode).toBe(202);
    // The five keys land on different partitions, which the watcher delivers one after another: seeing the
    // sentinel says nothing of the other partitions yet, so wait for all five.
    const seenUsers = () => grades.seen.map((record) => (record.event.data as { userId: string }).userId);
    await waitFor(
      () => [first, second, third, fourth, sentinel].every((user) => seenUsers().includes(user!)),
      {
        what: 'the four held webhooks and the sentinel on the topic',
      },
    );
    expect(seenUsers()).not.toContain(refusedUser);
    expect((await ingress.app.inject(gradeWebhook(refusedUser))).statusCode).toBe(202);
  });

  it('reserves the whole body limit for a body that does not declare its length', async () => {
    hold();
    const held = [1, 2, 3].map(() => ingress.app.inject(gradeWebhook(uniqueName('learner'))));
    await waitFor(async () => (await metric('inlet_ingress_in_flight_bytes')) === 600, {
      what: 'three webhooks in flight',
    });
    // A chunked body of 200 bytes counts as 450 (the limit): 600 + 450 > 900. Declared, it would fit.
    const chunked = gradeWebhook(uniqueName('chunked'));
    const response = await ingress.app.inject({
      ...chunked,
      payload: Readable.from([Buffer.from(chunked.payload)]),
    });
    expect(response.statusCode).toBe(503);
    const declared = ingress.app.inject(gradeWebhook(uniqueName('declared')));
    await waitFor(async () => (await metric('inlet_ingress_in_flight_bytes')) === 800, {
      what: 'the declared webhook admitted beside the three',
    });
    open();
    for (const done of await Promise.all([...held, declared])) expect(done.statusCode).toBe(202);
  });

  it('reserves nothing for a request refused before its body is read (unknown source)', async () => {
    hold();
    const held = [1, 2, 3, 4].map(() => ingress.app.inject(gradeWebhook(uniqueName('learner'))));
    await waitFor(async () => (await metric('inlet_ingress_in_flight_bytes')) === 800, {
      what: 'four webhooks in flight',
    });
    const unknown = await ingress.app.inject({
      ...gradeWebhook('nobody'),
      url: '/webhooks/lti/events?source=no-such-source',
    });
    expect(unknown.statusCode).toBe(404);
    open();
    for (const done of await Promise.all(held)) expect(done.statusCode).toBe(202);
    await waitFor(async () => (await metric('inlet_ingress_in_flight_bytes')) === 0, {
      what: 'the budget released',
    });
  });
});
