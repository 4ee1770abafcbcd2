import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { hmacHeader, internalJwt, standardWebhookHeaders, stripeHeader } from './sign.js';
import { secrets } from './test-ingress.js';

/**
 * Requests the ingress must refuse, each with the status and problem code it must answer. Every would-be event
 * carries the caller's `marker` (as user, payment or video id, which the ingress uses as the partition key), so a
 * test can prove none of them reached Kafka.
 */
export interface BadRequest {
  url: string;
  body: string;
  headers?: Record<string, string>;
  remoteAddress?: string;
  status: number;
  code: string;
  /** A 503 tells the sender when to come back. */
  retryAfter?: boolean;
}

export const ltiUrl = '/webhooks/lti/events?source=test-lti';

/** Valid bodies of each family that carry `marker` as their partition key. */
export function markedBodies(marker: string) {
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
  return { grade, payment, stripeEvent, video };
}

const now = () => Math.floor(Date.now() / 1000);

/**
 * Refused by authentication: bad, missing, replayed or misaddressed credentials, and a source whose keys cannot
 * be fetched (the test's ingress must have a `test-canvas-jwks-down` source whose JWKS endpoint is down).
 */
export async function authRefusals(marker: string): Promise<[string, BadRequest][]> {
  const { grade, payment, stripeEvent, video } = markedBodies(marker);
  const lti = ltiUrl;
  return [
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
  ];
}

/** Refused for what the request is: unknown source, wrong event type or field, bad body, or a forbidden IP. */
export function requestRefusals(marker: string): [string, BadRequest][] {
  const { grade } = markedBodies(marker);
  const lti = ltiUrl;
  return [
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
}
