import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { hmacHeader, internalJwt, stripeHeader } from './helpers/sign.js';
import { secrets, startTestIngress, type TestIngress } from './helpers/test-ingress.js';

// Secrets never appear in logs. The ingress logs through the production logger into memory, is
// sent requests full of credentials (valid and not), and not one of them may show up in what was written.
describe('request logs', () => {
  const lines: string[] = [];
  let ingress: TestIngress;
  const grade = JSON.stringify({
    type: 'grade.updated',
    data: {
      userId: 'log-user',
      resourceLinkId: 'l',
      score: 1,
      maxScore: 2,
      timestamp: '2026-11-23T12:00:00Z',
    },
  });
  const signature = hmacHeader(secrets.lti, grade);

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    ingress = await startTestIngress({ logger: createLogger('trace', sink) });
  });
  afterAll(async () => ingress.close());

  const post = (url: string, payload: string, headers: Record<string, string>) =>
    ingress.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('writes one line per webhook with source, type, eventId, status and latency', async () => {
    const response = await post('/webhooks/lti/events?source=test-lti', grade, {
      'x-webhook-signature': signature,
    });
    const { eventId } = response.json<{ eventId: string }>();
    const line = lines
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .find((entry) => entry.eventId === eventId);
    expect(line).toMatchObject({
      msg: 'request',
      source: 'test-lti',
      type: 'grade.updated',
      status: 202,
      route: '/webhooks/lti/events',
      service: 'ingress',
    });
    expect(typeof line?.latencyMs).toBe('number');
  });

  it('logs the problem code of a refused webhook', async () => {
    await post('/webhooks/lti/events?source=test-lti', grade, {
      'x-webhook-signature': hmacHeader('wrong', grade),
    });
    const refused = lines
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .filter((entry) => entry.status === 401);
    expect(refused.at(-1)).toMatchObject({ code: 'INLET_AUTH_INVALID', source: 'test-lti' });
  });

  it('never writes a secret, signature, key or token', async () => {
    const token = await internalJwt(secrets.jwt, { iss: 'test-platform', aud: 'inlet' });
    const stripeBody = JSON.stringify({
      id: 'evt_log',
      object: 'event',
      type: 'charge.succeeded',
      created: 1,
      data: { object: {} },
    });
    const stripeSignature = stripeHeader(secrets.stripe, stripeBody);
    const moodle = JSON.stringify({ eventname: '\\core\\event\\user_graded', token: secrets.moodle });
    await post('/webhooks/lti/events?source=test-lti', grade, { 'x-webhook-signature': signature });
    await post('/webhooks/lti/events?source=test-lti', grade, {
      'x-webhook-signature': signature.replace(/.$/, '0'),
    });
    await post('/webhooks/services/test-service', '{"type":"user.behavior"}', {
      'x-api-key': secrets.apiKey,
    });
    await post('/webhooks/services/test-service', '{}', { 'x-api-key': `${secrets.apiKey}-wrong` });
    await post('/webhooks/internal/video.upload.completed', '{"videoId":"v"}', {
      authorization: `Bearer ${token}`,
    });
    await post('/api/webhooks/test-stripe', stripeBody, { 'stripe-signature': stripeSignature });
    await post('/webhooks/lti/events?source=test-moodle', moodle, {});
    await post(
      '/webhooks/lti/events?source=test-moodle',
      moodle.replace(secrets.moodle, `${secrets.moodle}x`),
      {},
    );

    const written = lines.join('\n');
    expect(lines.length).toBeGreaterThan(8);
    for (const secret of [
      ...Object.values(secrets),
      signature.slice('sha256='.length),
      token,
      stripeSignature.split('v1=')[1]!,
    ]) {
      expect(written).not.toContain(secret);
    }
  });
});
