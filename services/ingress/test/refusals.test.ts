import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '@inlet/test-harness';
import {
  authRefusals,
  ltiUrl as lti,
  markedBodies,
  requestRefusals,
  type BadRequest,
} from './helpers/refused-requests.js';
import { hmacHeader, internalJwt, standardWebhookHeaders } from './helpers/sign.js';
import { secrets, startTestIngress, watchTopic, type TestIngress } from './helpers/test-ingress.js';

// Every bad request gets its documented status and a problem+json body, and produces nothing.
// Every would-be event (helpers/refused-requests.ts) carries `marker` as its partition key; after the battery, one valid sentinel per
// topic with that same key is sent. Kafka keeps a key's order, so once the sentinels have arrived, any record a
// refused request had produced would have arrived before them. Only the sentinels may carry the marker.
describe('refused webhooks', () => {
  const marker = `refused-${randomUUID()}`;
  let ingress: TestIngress;
  const watched: Record<string, Awaited<ReturnType<typeof watchTopic>>> = {};

  const { grade, payment, video } = markedBodies(marker);

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

  const battery = async (): Promise<[string, BadRequest][]> => [
    ...(await authRefusals(marker)),
    ...requestRefusals(marker),
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
