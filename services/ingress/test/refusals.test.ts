import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { closedPort } from '@inlet/test-harness';
import { hmacHeader, internalJwt, standardWebhookHeaders, stripeHeader } from './helpers/sign.js';
import { secrets, startTestIngress, watchTopic, type TestIngress } from './helpers/test-ingress.js';

// Invariant 3: every bad request gets its documented status and a problem+json body, and produces nothing.
// Every would-be event below carries `marker` as its partition key; after the battery, one valid sentinel per
// topic with that same key is sent. Kafka keeps a key's order, so once the sentinels have arrived, any record a
// refused request had produced would have arrived before them. Only the sentinels may carry the marker.
describe('refused webhooks', () => {
  const marker = `refused-${randomUUID()}`;
  let ingress: TestIngress;
  const watched: Record<string, Awaited<ReturnType<typeof watchTopic>>> = {};

  const grade = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      type: 'grade.updated',
      data: {
        userId: marker,
        resourceLinkId: 'l',
        score: 1,
        maxScore: 2,
        timestamp: '2026-11-23T12:00:00Z',
        ...extra,
      },
    });
  const payment = JSON.stringify({
    type: 'payment.success',
    data: {
      paymentId: marker,
      userId: 'u',
      amount: 4900,
      currency: 'usd',
      timestamp: '2026-11-23T12:00:00Z',
    },
  });
  const stripeEvent = JSON.stringify({
    id: `evt_${marker}`,
    object: 'event',
    type: 'payment_intent.succeeded',
    created: 1_790_000_000,
    data: {
      object: {
        id: marker,
        object: 'payment_intent',
        amount: 100,
        currency: 'usd',
        customer: null,
        metadata: {},
      },
    },
  });
  const video = JSON.stringify({
    type: 'video.upload.completed',
    data: { videoId: marker, timestamp: '2026-11-23T12:00:00Z' },
  });
  const now = () => Math.floor(Date.now() / 1000);
  const lti = '/webhooks/lti/events?source=test-lti';

  beforeAll(async () => {
    // A Canvas source whose JWKS endpoint is down: its webhooks cannot be verified, and must be retried later.
    const jwksUrl = `http://127.0.0.1:${await closedPort()}/jwks`;
    ingress = await startTestIngress({
      bodyLimit: 4096,
      extraSources: [{ id: 'test-canvas-jwks-down', family: 'lti', auth: { scheme: 'canvas-jwt', jwksUrl } }],
    });
    for (const service of ['grades', 'payments', 'media'])
      watched[service] = await watchTopic(ingress.kafka, `inlet.${service}.v1`);
  });
  afterAll(async () => {
    await Promise.all(Object.values(watched).map((topic) => topic.stop()));
    await ingress.close();
  });

  interface BadRequest {
    url: string;
    body: string;
    headers?: Record<string, string>;
    remoteAddress?: string;
    status: number;
    code: string;
    /** A 503 tells the sender when to come back. */
    retryAfter?: boolean;
  }

  const battery = async (): Promise<[string, BadRequest][]> => [
    [
      'a signature made with the wrong secret',
      {
        url: lti,
        body: grade(),
        headers: { 'x-webhook-signature': hmacHeader('wrong-secret', grade()) },
        status: 401,
        code: 'INLET_AUTH_INVALID',
      },
    ],
    ['a missing signature', { url: lti, body: grade(), status: 401, code: 'INLET_AUTH_MISSING' }],
    [
      'a malformed signature header',
      {
        url: lti,
        body: grade(),
        headers: { 'x-webhook-signature': 'md5=abc' },
        status: 401,
        code: 'INLET_AUTH_MALFORMED',
      },
    ],
    [
      'a Stripe signature with a replayed (old) timestamp',
      {
        url: '/api/webhooks/test-stripe',
        body: stripeEvent,
        headers: { 'stripe-signature': stripeHeader(secrets.stripe, stripeEvent, now() - 600) },
        status: 401,
        code: 'INLET_AUTH_EXPIRED',
      },
    ],
    [
      'a Standard Webhooks signature with a replayed timestamp',
      {
        url: '/api/webhooks/test-progress',
        body: payment,
        headers: standardWebhookHeaders(secrets.standard, 'msg_old', payment, new Date(Date.now() - 600_000)),
        status: 401,
        code: 'INLET_AUTH_EXPIRED',
      },
    ],
    [
      'a JWT with alg none',
      {
        url: '/webhooks/internal/video.upload.completed',
        body: video,
        headers: {
          authorization: `Bearer ${new UnsecuredJWT({}).setIssuer('test-platform').setAudience('inlet').setExpirationTime('5m').encode()}`,
        },
        status: 401,
        code: 'INLET_AUTH_INVALID',
      },
    ],
    [
      'a JWT for another audience',
      {
        url: '/webhooks/internal/video.upload.completed',
        body: video,
        headers: {
          authorization: `Bearer ${await internalJwt(secrets.jwt, { iss: 'test-platform', aud: 'billing' })}`,
        },
        status: 401,
        code: 'INLET_AUTH_INVALID',
      },
    ],
    [
      'an expired JWT',
      {
        url: '/webhooks/internal/video.upload.completed',
        body: video,
        headers: {
          authorization: `Bearer ${await new SignJWT({})
            .setProtectedHeader({ alg: 'HS256' })
            .setIssuer('test-platform')
            .setAudience('inlet')
            .setIssuedAt(now() - 7200)
            .setExpirationTime(now() - 3600)
            .sign(new TextEncoder().encode(secrets.jwt))}`,
        },
        status: 401,
        code: 'INLET_AUTH_EXPIRED',
      },
    ],
    [
      'a wrong API key',
      {
        url: '/webhooks/services/test-service',
        body: video,
        headers: { 'x-api-key': 'not-the-key' },
        status: 401,
        code: 'INLET_AUTH_INVALID',
      },
    ],
    [
      'a Canvas signed event while its JWKS cannot be fetched',
      {
        url: '/webhooks/lti/events?source=test-canvas-jwks-down',
        body: await new SignJWT({
          metadata: { event_name: 'grade_change', event_time: '2026-11-23T12:00:00Z' },
          body: { user_id: marker, assignment_id: 'l', score: 1, points_possible: 2 },
        })
          .setProtectedHeader({ alg: 'RS256', kid: 'canvas-2026' })
          .sign((await generateKeyPair('RS256')).privateKey),
        headers: { 'content-type': 'application/jwt' },
        status: 503,
        code: 'INLET_AUTH_UNAVAILABLE',
        retryAfter: true,
      },
    ],
    [
      'an unknown source',
      {
        url: '/webhooks/lti/events?source=nobody',
        body: grade(),
        headers: { 'x-webhook-signature': hmacHeader(secrets.lti, grade()) },
        status: 404,
        code: 'INLET_SOURCE_UNKNOWN',
      },
    ],
    [
      "another route's event type",
      {
        url: lti,
        body: grade().replace('grade.updated', 'payment.success'),
        headers: {
          'x-webhook-signature': hmacHeader(secrets.lti, grade().replace('grade.updated', 'payment.success')),
        },
        status: 422,
        code: 'INLET_UNKNOWN_EVENT_TYPE',
      },
    ],
    [
      'a wrongly typed field',
      {
        url: lti,
        body: grade({ score: 'high' }),
        headers: { 'x-webhook-signature': hmacHeader(secrets.lti, grade({ score: 'high' })) },
        status: 422,
        code: 'INLET_INVALID_EVENT',
      },
    ],
    [
      'malformed JSON',
      {
        url: lti,
        body: `${grade()}}`,
        headers: { 'x-webhook-signature': hmacHeader(secrets.lti, `${grade()}}`) },
        status: 400,
        code: 'INLET_BODY_NOT_JSON',
      },
    ],
    [
      'an oversize body',
      {
        url: lti,
        body: grade({ comment: 'x'.repeat(5000) }),
        headers: { 'x-webhook-signature': hmacHeader(secrets.lti, grade({ comment: 'x'.repeat(5000) })) },
        status: 413,
        code: 'INLET_BODY_TOO_LARGE',
      },
    ],
    [
      'a wrong content type',
      {
        url: lti,
        body: grade(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-webhook-signature': hmacHeader(secrets.lti, grade()),
        },
        status: 415,
        code: 'INLET_UNSUPPORTED_MEDIA_TYPE',
      },
    ],
    [
      'a disallowed IP',
      {
        url: '/webhooks/lti/events?source=test-office',
        body: grade(),
        headers: { 'x-webhook-signature': hmacHeader(secrets.lti, grade()) },
        remoteAddress: '198.51.100.7',
        status: 403,
        code: 'INLET_IP_FORBIDDEN',
      },
    ],
  ];

  it('answers each with its status and problem+json, and none of them reaches Kafka', async () => {
    for (const [name, request] of await battery()) {
      const response = await ingress.app.inject({
        method: 'POST',
        url: request.url,
        payload: request.body,
        headers: { 'content-type': 'application/json', ...request.headers },
        ...(request.remoteAddress ? { remoteAddress: request.remoteAddress } : {}),
      });
      expect(response.statusCode, name).toBe(request.status);
      expect(response.headers['content-type'], name).toMatch(/^application\/problem\+json/);
      expect(response.json(), name).toMatchObject({ status: request.status, code: request.code });
      expect(response.json<{ detail: string }>().detail.length, name).toBeGreaterThan(0);
      if (request.retryAfter) expect(Number(response.headers['retry-after']), name).toBeGreaterThan(0);
    }

    const overLimit = [];
    for (let i = 0; i < 3; i++) {
      overLimit.push(
        await ingress.app.inject({
          method: 'POST',
          url: '/webhooks/lti/events?source=test-limited',
          payload: grade({ score: i }),
          headers: {
            'content-type': 'application/json',
            'x-webhook-signature': hmacHeader(secrets.lti, grade({ score: i })),
          },
        }),
      );
    }
    const limited = overLimit[2]!;
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'INLET_RATE_LIMITED' });
    const acceptedBeforeTheLimit = overLimit
      .slice(0, 2)
      .map((response) => response.json<{ eventId: string }>().eventId);

    const sentinels = [
      await ingress.app.inject({
        method: 'POST',
        url: lti,
        payload: grade({ score: 2 }),
        headers: {
          'content-type': 'application/json',
          'x-webhook-signature': hmacHeader(secrets.lti, grade({ score: 2 })),
        },
      }),
      await ingress.app.inject({
        method: 'POST',
        url: '/api/webhooks/test-progress',
        payload: payment,
        headers: {
          'content-type': 'application/json',
          ...standardWebhookHeaders(secrets.standard, 'msg_sentinel', payment),
        },
      }),
      await ingress.app.inject({
        method: 'POST',
        url: '/webhooks/internal/video.upload.completed',
        payload: video,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await internalJwt(secrets.jwt, { iss: 'test-platform', aud: 'inlet' })}`,
        },
      }),
    ].map((response) => {
      expect(response.statusCode, response.body).toBe(202);
      return response.json<{ eventId: string }>().eventId;
    });
    await watched.grades!.waitForEvent(sentinels[0]!);
    await watched.payments!.waitForEvent(sentinels[1]!);
    await watched.media!.waitForEvent(sentinels[2]!);

    const carryingMarker = Object.values(watched)
      .flatMap((topic) => topic.seen)
      .filter((record) => JSON.stringify(record.event).includes(marker))
      .map((record) => record.event.eventId);
    expect(carryingMarker.sort()).toEqual([...sentinels, ...acceptedBeforeTheLimit].sort());
  });
});
