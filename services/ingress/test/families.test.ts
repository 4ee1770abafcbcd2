import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { hmacHeader, internalJwt, standardWebhookHeaders, stripeHeader } from './helpers/sign.js';
import { secrets, startTestIngress, watchTopic, type TestIngress } from './helpers/test-ingress.js';

const fixture = (path: string) => readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8');

// One webhook of every route family and authentication scheme, from the HTTP request to the record on Kafka.
describe('every route family and scheme, end to end', () => {
  let ingress: TestIngress;
  let jwks: Server;
  let canvasKey: CryptoKey;
  const topics: Record<string, Awaited<ReturnType<typeof watchTopic>>> = {};

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    canvasKey = privateKey;
    const jwk = { ...(await exportJWK(publicKey)), kid: 'canvas-2026', alg: 'RS256', use: 'sig' };
    jwks = createServer((_request, response) =>
      response.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })),
    );
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks`;

    ingress = await startTestIngress({
      extraSources: [{ id: 'test-canvas-signed', family: 'lti', auth: { scheme: 'canvas-jwt', jwksUrl } }],
    });
    for (const service of ['grades', 'membership', 'content', 'payments', 'media']) {
      topics[service] = await watchTopic(ingress.kafka, `inlet.${service}.v1`);
    }
  });
  afterAll(async () => {
    await Promise.all(Object.values(topics).map((topic) => topic.stop()));
    await ingress.close();
    jwks.close();
  });

  const post = (url: string, payload: string, headers: Record<string, string>) =>
    ingress.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { 'content-type': 'application/json', ...headers },
    });

  async function expectAccepted(response: Awaited<ReturnType<typeof post>>, service: string) {
    expect(response.statusCode, response.body).toBe(202);
    const { eventId } = response.json<{ eventId: string }>();
    return (await topics[service]!.waitForEvent(eventId)).event;
  }

  it('Canvas Live Event signed with the LTI source HMAC -> inlet.grades.v1', async () => {
    const body = fixture('canvas/grade_change.json');
    const event = await expectAccepted(
      await post('/webhooks/lti/events?source=test-lti', body, {
        'x-webhook-signature': hmacHeader(secrets.lti, body),
      }),
      'grades',
    );
    expect(event).toMatchObject({
      type: 'grade.updated',
      sourceEventName: 'grade_change',
      data: { userId: '21070000000000048', resourceLinkId: '21070000000000355', score: 87, maxScore: 100 },
    });
  });

  it('Canvas signed payload (RS256 JWT body, key by kid from the JWKS) -> inlet.membership.v1', async () => {
    const liveEvent = JSON.parse(fixture('canvas/enrollment_created.json')) as Record<string, unknown>;
    const jwt = await new SignJWT(liveEvent)
      .setProtectedHeader({ alg: 'RS256', kid: 'canvas-2026' })
      .setIssuedAt()
      .sign(canvasKey);
    const event = await expectAccepted(
      await post('/webhooks/lti/events?source=test-canvas-signed', jwt, {
        'content-type': 'application/jwt',
      }),
      'membership',
    );
    expect(event).toMatchObject({ type: 'member.added', sourceEventName: 'enrollment_created' });

    const forged = await post('/webhooks/lti/events?source=test-canvas-signed', `${jwt.slice(0, -4)}AAAA`, {
      'content-type': 'application/jwt',
    });
    expect(forged.statusCode).toBe(401);
  });

  it('Moodle event with its token in the body -> inlet.grades.v1, and the token goes no further', async () => {
    const body = JSON.stringify({ ...JSON.parse(fixture('moodle/user_graded.json')), token: secrets.moodle });
    const response = await post('/webhooks/lti/events?source=test-moodle', body, {});
    const event = await expectAccepted(response, 'grades');
    expect(event).toMatchObject({
      type: 'grade.updated',
      data: { userId: '143', resourceLinkId: '588', score: 82.5 },
    });
    expect(JSON.stringify(event)).not.toContain(secrets.moodle);

    const wrongToken = JSON.stringify({ ...JSON.parse(fixture('moodle/user_graded.json')), token: 'guess' });
    expect((await post('/webhooks/lti/events?source=test-moodle', wrongToken, {})).statusCode).toBe(401);
  });

  it('third-party service with an API key -> inlet.media.v1', async () => {
    const body = fixture('generic/transcription.completed.json');
    const event = await expectAccepted(
      await post('/webhooks/services/test-service', body, { 'x-api-key': secrets.apiKey }),
      'media',
    );
    expect(event).toMatchObject({
      type: 'transcription.completed',
      data: { videoId: 'vid_3f9a12', durationSeconds: 1834.5 },
    });
    expect((await post('/webhooks/services/test-service', body, { 'x-api-key': 'wrong' })).statusCode).toBe(
      401,
    );
    const lti = await post('/webhooks/services/test-service', fixture('generic/grade.updated.json'), {
      'x-api-key': secrets.apiKey,
    });
    expect(lti.statusCode).toBe(422);
    expect(lti.json()).toMatchObject({ code: 'INLET_UNKNOWN_EVENT_TYPE', field: '/type' });
  });

  it('Stripe event with Stripe-Signature -> inlet.payments.v1, its evt id giving the eventId', async () => {
    const body = fixture('stripe/charge.succeeded.json');
    const response = await post('/api/webhooks/test-stripe', body, {
      'stripe-signature': stripeHeader(secrets.stripe, body),
    });
    const event = await expectAccepted(response, 'payments');
    expect(event).toMatchObject({
      type: 'payment.success',
      sourceEventName: 'charge.succeeded',
      data: { amount: 4900, currency: 'usd' },
    });

    const again = await post('/api/webhooks/test-stripe', body, {
      'stripe-signature': stripeHeader(secrets.stripe, body, Math.floor(Date.now() / 1000) - 60),
    });
    expect(again.json<{ eventId: string }>().eventId).toBe(event.eventId);

    const replayed = await post('/api/webhooks/test-stripe', body, {
      'stripe-signature': stripeHeader(secrets.stripe, body, Math.floor(Date.now() / 1000) - 3600),
    });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json()).toMatchObject({ code: 'INLET_AUTH_EXPIRED' });
  });

  it('Standard Webhooks (webhook-id/timestamp/signature) -> inlet.payments.v1', async () => {
    const body = fixture('generic/payment.success.json');
    const headers = standardWebhookHeaders(secrets.standard, 'msg_2x7', body);
    const event = await expectAccepted(await post('/api/webhooks/test-progress', body, headers), 'payments');
    expect(event.type).toBe('payment.success');
    const sameId = await post(
      '/api/webhooks/test-progress',
      body,
      standardWebhookHeaders(secrets.standard, 'msg_2x7', body),
    );
    expect(sameId.json<{ eventId: string }>().eventId).toBe(event.eventId);
  });

  it('progress events on the commerce route -> inlet.grades.v1', async () => {
    const body = fixture('generic/module.completed.json');
    const headers = standardWebhookHeaders(secrets.standard, 'msg_module_1', body);
    const event = await expectAccepted(await post('/api/webhooks/test-progress', body, headers), 'grades');
    expect(event.type).toBe('module.completed');
  });

  it('internal system with a JWT -> inlet.media.v1; a token for another audience is refused', async () => {
    const body = fixture('generic/video.upload.completed.json');
    const token = await internalJwt(secrets.jwt, { iss: 'test-platform', aud: 'inlet' });
    const event = await expectAccepted(
      await post('/webhooks/internal/video.upload.completed', body, { authorization: `Bearer ${token}` }),
      'media',
    );
    expect(event).toMatchObject({
      type: 'video.upload.completed',
      data: { videoId: 'vid_3f9a12', title: 'Lecture 4: Mitosis' },
    });

    const other = await internalJwt(secrets.jwt, { iss: 'test-platform', aud: 'someone-else' });
    expect(
      (await post('/webhooks/internal/video.upload.completed', body, { authorization: `Bearer ${other}` }))
        .statusCode,
    ).toBe(401);
    expect((await post('/webhooks/internal/video.upload.completed', body, {})).statusCode).toBe(401);
  });

  it('publishes an OpenAPI document of its routes', async () => {
    const response = await ingress.app.inject({ method: 'GET', url: '/openapi.json' });
    const document = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/webhooks/lti/events',
        '/webhooks/services/{serviceId}',
        '/api/webhooks/{provider}',
        '/webhooks/internal/{eventType}',
        '/health/live',
        '/health/ready',
        '/metrics',
      ]),
    );
  });
});
