import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka } from 'kafkajs';
import { createUnmappedCodec, EmbeddedRegistry, type UnmappedWebhook } from '@inlet/schemas';
import { unmappedTopic } from '@inlet/topics';
import { uniqueName, waitFor } from '@inlet/test-harness';
import { hmacHeader, internalJwt, stripeHeader } from './helpers/sign.js';
import {
  secrets,
  startTestIngress,
  watchFromNow,
  type TestIngress,
  type WatchedRecord,
} from './helpers/test-ingress.js';

const fixture = (path: string) => readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8');

// Sources of this file's own, so "nothing from them reached Kafka" holds whatever other files produce.
const stripeSource = uniqueName('unmapped-stripe').toLowerCase().slice(0, 60);
const ltiSource = uniqueName('unmapped-lti').toLowerCase().slice(0, 60);
const moodleSource = uniqueName('unmapped-moodle').toLowerCase().slice(0, 60);

/** Every record of `topics` from their current ends on, undecoded (the unmapped topic has its own codec). */
async function watchRaw(kafka: Kafka, topics: string[]) {
  const seen: WatchedRecord[] = [];
  const watch = await watchFromNow(kafka, topics, (record) => {
    seen.push(record);
  });
  return {
    seen,
    fromSource: (source: string) => seen.filter((record) => record.headers['inlet-source'] === source),
    waitFor: (eventId: string, topic: string) =>
      waitFor(
        () => seen.find((record) => record.topic === topic && record.headers['inlet-event-id'] === eventId),
        { what: `event ${eventId} on ${topic}`, timeoutMs: 20_000 },
      ),
    stop: watch.stop,
  };
}

const customerCreated = (id: string) =>
  JSON.stringify({
    id,
    object: 'event',
    api_version: '2024-06-20',
    created: 1710428970,
    type: 'customer.created',
    data: { object: { id: 'cus_PkX8b2J4hQ0sTz', object: 'customer', email: 'learner@example.com' } },
  });

describe('authentic events no mapping knows: 202 and inlet.unmapped.v1', () => {
  let ingress: TestIngress;
  let watch: Awaited<ReturnType<typeof watchRaw>>;
  const codec = createUnmappedCodec({ registry: new EmbeddedRegistry() });

  beforeAll(async () => {
    ingress = await startTestIngress({
      extraSources: [
        { id: stripeSource, family: 'commerce', auth: { scheme: 'stripe', secrets: [{ env: 'T_STRIPE' }] } },
        { id: ltiSource, family: 'lti', auth: { scheme: 'hmac', secrets: [{ env: 'T_LTI' }] } },
        {
          id: moodleSource,
          family: 'lti',
          auth: { scheme: 'moodle-token', secrets: [{ env: 'T_MOODLE' }] },
        },
      ],
    });
    watch = await watchRaw(ingress.kafka, [unmappedTopic, 'inlet.payments.v1', 'inlet.grades.v1']);
  });
  afterAll(async () => {
    await watch.stop();
    await ingress.close();
  });

  const post = (url: string, payload: string, headers: Record<string, string>) =>
    ingress.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { 'content-type': 'application/json', ...headers },
    });

  async function expectUnmapped(response: Awaited<ReturnType<typeof post>>) {
    expect(response.statusCode, response.body).toBe(202);
    const answer = response.json<{ eventId: string; status: string; type?: string }>();
    expect(answer.status).toBe('unmapped');
    expect(answer.type).toBeUndefined();
    const record = await watch.waitFor(answer.eventId, unmappedTopic);
    return { answer, record, unmapped: await codec.decode(record.value) };
  }

  const unmappedCount = async (source: string, eventName: string) =>
    (await ingress.metrics.eventsUnmapped.get()).values.find(
      (value) => value.labels.source === source && value.labels.event_name === eventName,
    )?.value ?? 0;

  it('keeps a signed Stripe customer.created without its signature, and counts it', async () => {
    const body = customerCreated('evt_unmapped_customer_1');
    const signature = stripeHeader(secrets.stripe, body);
    const { answer, record, unmapped } = await expectUnmapped(
      await post(`/api/webhooks/${stripeSource}`, body, { 'stripe-signature': signature }),
    );
    expect(answer).toMatchObject({ sourceEventName: 'customer.created' });
    expect(unmapped).toEqual<UnmappedWebhook>({
      eventId: answer.eventId,
      source: stripeSource,
      family: 'commerce',
      sourceEventName: 'customer.created',
      internalEventType: null,
      payload: body,
      receivedAt: expect.any(Number) as number,
    });
    expect(Math.abs(unmapped.receivedAt - Date.now())).toBeLessThan(60_000);
    expect(record.key).toBe(stripeSource);
    expect(record.headers).toMatchObject({ 'inlet-event-id': answer.eventId, 'inlet-source': stripeSource });
    expect(record.headers['inlet-event-type']).toBeUndefined();
    // No credential in the record: neither the signature header, its HMAC, nor the secret.
    const bytes = Buffer.concat([record.value, Buffer.from(JSON.stringify(record.headers))]).toString(
      'latin1',
    );
    expect(bytes).not.toContain(signature);
    expect(bytes).not.toContain(signature.split('v1=')[1]!);
    expect(bytes).not.toContain(secrets.stripe);
    expect(await unmappedCount(stripeSource, 'customer.created')).toBe(1);

    // The sender's retry is the same event: the same id as the first delivery.
    const retry = await post(`/api/webhooks/${stripeSource}`, body, {
      'stripe-signature': stripeHeader(secrets.stripe, body),
    });
    expect(retry.json<{ eventId: string }>().eventId).toBe(answer.eventId);
  });

  it('keeps a Canvas live event, a generic type and a Moodle event no mapping knows (the Moodle token left out)', async () => {
    const canvas = fixture('canvas/course_progress.json');
    const fromCanvas = await expectUnmapped(
      await post(`/webhooks/lti/events?source=${ltiSource}`, canvas, {
        'x-webhook-signature': hmacHeader(secrets.lti, canvas),
      }),
    );
    expect(fromCanvas.unmapped).toMatchObject({
      family: 'lti',
      sourceEventName: 'course_progress',
      payload: canvas,
    });

    const generic = JSON.stringify({ type: 'x.y', data: {} });
    const fromGeneric = await expectUnmapped(
      await post(`/webhooks/lti/events?source=${ltiSource}`, generic, {
        'x-webhook-signature': hmacHeader(secrets.lti, generic),
      }),
    );
    expect(fromGeneric.unmapped).toMatchObject({ sourceEventName: 'x.y', payload: generic });

    const moodle = JSON.stringify({
      ...JSON.parse(fixture('moodle/course_viewed.json')),
      token: secrets.moodle,
    });
    const fromMoodle = await expectUnmapped(
      await post(`/webhooks/lti/events?source=${moodleSource}`, moodle, {}),
    );
    expect(fromMoodle.unmapped.sourceEventName).toBe('\\core\\event\\course_viewed');
    expect(JSON.parse(fromMoodle.unmapped.payload)).toEqual(JSON.parse(fixture('moodle/course_viewed.json')));
    expect(fromMoodle.record.value.toString('latin1')).not.toContain(secrets.moodle);
    expect(await unmappedCount(moodleSource, '\\core\\event\\course_viewed')).toBe(1);
  });

  it('keeps an internal event whose URL type no mapping knows, with that type for the replay', async () => {
    const token = await internalJwt(secrets.jwt, { iss: 'test-platform', aud: 'inlet' });
    const body = JSON.stringify({ id: uniqueName('archive'), data: { courseId: 'course-1' } });
    const { unmapped } = await expectUnmapped(
      await post('/webhooks/internal/course.archived?source=test-platform', body, {
        authorization: `Bearer ${token}`,
      }),
    );
    expect(unmapped).toMatchObject({
      family: 'internal',
      sourceEventName: 'course.archived',
      internalEventType: 'course.archived',
      payload: body,
    });
    expect(unmapped.payload).not.toContain(token);
  });

  it('does not echo or count an event name that does not look like one', async () => {
    const body = JSON.stringify({ type: 'Alice <alice@example.com>', data: {} });
    const { answer, unmapped, record } = await expectUnmapped(
      await post(`/webhooks/lti/events?source=${ltiSource}`, body, {
        'x-webhook-signature': hmacHeader(secrets.lti, body),
      }),
    );
    expect(answer).toMatchObject({ sourceEventName: null });
    expect(unmapped.sourceEventName).toBeNull();
    expect(JSON.stringify(record.headers)).not.toContain('alice');
    expect(await unmappedCount(ltiSource, 'unknown')).toBe(1);
    const metrics = await ingress.metrics.registry.metrics();
    expect(metrics).not.toContain('alice');
  });

  it('refuses with 422 an unmapped body nested too deep to keep (JSON.stringify would throw)', async () => {
    // Built as text: the test's own JSON.stringify would fail on it just the same.
    const event = JSON.stringify({
      ...JSON.parse(fixture('moodle/course_viewed.json')),
      token: secrets.moodle,
    });
    const deep = `${event.slice(0, -1)},"other":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const response = await post(`/webhooks/lti/events?source=${moodleSource}`, deep, {});
    expect(response.statusCode, response.body).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'INLET_INVALID_EVENT' });
  });

  it('still refuses invalid and misrouted events with 422, and produces nothing for them anywhere', async () => {
    const invalid = JSON.parse(fixture('stripe/payment_intent.succeeded.json')) as {
      id: string;
      data: { object: Record<string, unknown> };
    };
    invalid.id = 'evt_unmapped_invalid_1';
    invalid.data.object.amount = 'forty-nine';
    const invalidBody = JSON.stringify(invalid);
    const refused = await post(`/api/webhooks/${stripeSource}`, invalidBody, {
      'stripe-signature': stripeHeader(secrets.stripe, invalidBody),
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'INLET_INVALID_EVENT', field: '/data/object/amount' });

    // A canonical type of another route: the sender posts to the wrong endpoint, which it must be told.
    const misrouted = fixture('generic/payment.success.json');
    const wrongRoute = await post(`/webhooks/lti/events?source=${ltiSource}`, misrouted, {
      'x-webhook-signature': hmacHeader(secrets.lti, misrouted),
    });
    expect(wrongRoute.statusCode).toBe(422);
    expect(wrongRoute.json()).toMatchObject({ code: 'INLET_UNKNOWN_EVENT_TYPE', field: '/type' });

    // Sentinels after the refusals: once they are on Kafka, anything the refusals had produced would be too.
    const valid = fixture('stripe/charge.succeeded.json');
    const accepted = await post(`/api/webhooks/${stripeSource}`, valid, {
      'stripe-signature': stripeHeader(secrets.stripe, valid),
    });
    expect(accepted.statusCode).toBe(202);
    const sentinel = customerCreated('evt_unmapped_sentinel_1');
    const kept = await expectUnmapped(
      await post(`/api/webhooks/${stripeSource}`, sentinel, {
        'stripe-signature': stripeHeader(secrets.stripe, sentinel),
      }),
    );
    const paymentId = accepted.json<{ eventId: string }>().eventId;
    await watch.waitFor(paymentId, 'inlet.payments.v1');
    expect(
      watch.fromSource(stripeSource).filter((record) => record.topic !== unmappedTopic),
      'only the valid payment reached a domain topic',
    ).toHaveLength(1);
    expect(watch.fromSource(ltiSource).filter((record) => record.topic !== unmappedTopic)).toEqual([]);
    const keptPayloads = await Promise.all(
      watch.seen
        .filter((record) => record.topic === unmappedTopic)
        .map(async (record) => (await codec.decode(record.value)).payload),
    );
    expect(keptPayloads.some((payload) => payload.includes('evt_unmapped_invalid_1'))).toBe(false);
    expect(keptPayloads.some((payload) => payload.includes('"payment.success"'))).toBe(false);
    expect(keptPayloads).toContain(sentinel);
    expect(kept.unmapped.payload).toBe(sentinel);
  });
});
