import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestRedis, type TestRedis } from '@inlet/test-harness';
import { hmacHeader } from './helpers/sign.js';
import { secrets, startTestIngress, type TestIngress } from './helpers/test-ingress.js';

const body = JSON.stringify({
  type: 'content.created',
  data: {
    resourceLinkId: 'link-1',
    contentId: 'content-1',
    title: 'Week 1',
    url: 'https://lms.example/c/1',
    timestamp: '2026-11-23T12:00:00Z',
  },
});
const signed = { 'content-type': 'application/json', 'x-webhook-signature': hmacHeader(secrets.lti, body) };

describe('IP allowlists', () => {
  let direct: TestIngress;
  let behindProxy: TestIngress;

  beforeAll(async () => {
    direct = await startTestIngress();
    behindProxy = await startTestIngress({ trustedProxies: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await direct.close();
    await behindProxy.close();
  });

  it('refuses an address outside the source allowlist with 403', async () => {
    const response = await direct.app.inject({
      method: 'POST',
      url: '/webhooks/lti/events?source=test-office',
      payload: body,
      headers: signed,
      remoteAddress: '192.0.2.10',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'INLET_IP_FORBIDDEN' });
  });

  it('accepts an address inside it', async () => {
    const response = await direct.app.inject({
      method: 'POST',
      url: '/webhooks/lti/events?source=test-office',
      payload: body,
      headers: signed,
      remoteAddress: '10.1.2.3',
    });
    expect(response.statusCode).toBe(202);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const viaProxy = await behindProxy.app.inject({
      method: 'POST',
      url: '/webhooks/lti/events?source=test-office',
      payload: body,
      headers: { ...signed, 'x-forwarded-for': '10.1.9.9' },
      remoteAddress: '127.0.0.1',
    });
    expect(viaProxy.statusCode).toBe(202);

    const spoofed = await direct.app.inject({
      method: 'POST',
      url: '/webhooks/lti/events?source=test-office',
      payload: body,
      headers: { ...signed, 'x-forwarded-for': '10.1.9.9' },
      remoteAddress: '192.0.2.10',
    });
    expect(spoofed.statusCode).toBe(403);
  });
});

describe('rate limits per source', () => {
  let redis: TestRedis | undefined;
  const apps: TestIngress[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    await redis?.cleanup();
    redis = undefined;
  });

  const post = (ingress: TestIngress, source: string) =>
    ingress.app.inject({
      method: 'POST',
      url: `/webhooks/lti/events?source=${source}`,
      payload: body,
      headers: signed,
    });

  it('answers 429 with Retry-After once a source exceeds its limit, without touching other sources', async () => {
    const ingress = await startTestIngress();
    apps.push(ingress);
    expect((await post(ingress, 'test-limited')).statusCode).toBe(202);
    expect((await post(ingress, 'test-limited')).statusCode).toBe(202);
    const limited = await post(ingress, 'test-limited');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ code: 'INLET_RATE_LIMITED', status: 429 });
    expect((await post(ingress, 'test-lti')).statusCode).toBe(202);
  });

  it('shares the count across replicas through Redis', async () => {
    redis = await createTestRedis();
    // Two replicas; the key prefix keeps this test's counters apart from any other run.
    const first = await startTestIngress({ redis: redis.client });
    const second = await startTestIngress({ redis: redis.client });
    apps.push(first, second);
    expect((await post(first, 'test-limited')).statusCode).toBe(202);
    expect((await post(second, 'test-limited')).statusCode).toBe(202);
    expect((await post(first, 'test-limited')).statusCode).toBe(429);
  });
});

describe('rate limits count only authentic requests', () => {
  const apps: TestIngress[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  const post = (
    ingress: TestIngress,
    source: string,
    headers: Record<string, string>,
    remoteAddress = '198.51.100.7',
  ) =>
    ingress.app.inject({
      method: 'POST',
      url: `/webhooks/lti/events?source=${source}`,
      payload: body,
      headers,
      remoteAddress,
    });
  const unsigned = { 'content-type': 'application/json', 'x-webhook-signature': 'sha256=' + '0'.repeat(64) };

  it("a flood of unsigned requests leaves the signed sender's budget untouched", async () => {
    const ingress = await startTestIngress({ authFailureLimit: { max: 20, windowSeconds: 60 } });
    apps.push(ingress);
    // test-limited allows 2 requests per minute: before, 2 junk requests were enough to lock its sender out.
    const flood = [];
    for (let i = 0; i < 50; i += 1) flood.push((await post(ingress, 'test-limited', unsigned)).statusCode);
    expect(flood.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(flood.slice(20).every((status) => status === 429)).toBe(true);

    // The real sender, from another address and from the flood's own address, is accepted up to its budget.
    expect((await post(ingress, 'test-limited', signed, '203.0.113.5')).statusCode).toBe(202);
    expect((await post(ingress, 'test-limited', signed, '198.51.100.7')).statusCode).toBe(202);
    const overBudget = await post(ingress, 'test-limited', signed, '203.0.113.5');
    expect(overBudget.statusCode).toBe(429);
    expect(overBudget.json()).toMatchObject({ code: 'INLET_RATE_LIMITED' });
  });

  it('limits failed authentications per client address, with problem+json and Retry-After', async () => {
    const ingress = await startTestIngress({ authFailureLimit: { max: 3, windowSeconds: 60 } });
    apps.push(ingress);
    for (let i = 0; i < 3; i += 1) {
      expect((await post(ingress, 'test-lti', unsigned)).statusCode).toBe(401);
    }
    const limited = await post(ingress, 'test-lti', unsigned);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ code: 'INLET_AUTH_RATE_LIMITED', status: 429 });
    // Past the budget an unknown source looks the same as a known one: ids cannot be probed by the flood.
    expect((await post(ingress, 'no-such-source', unsigned)).statusCode).toBe(429);
    // Another address has its own budget.
    expect((await post(ingress, 'test-lti', unsigned, '192.0.2.99')).statusCode).toBe(401);
    const metrics = await ingress.metrics.registry.getSingleMetricAsString(
      'inlet_ingress_auth_failures_limited_total',
    );
    expect(metrics).toMatch(/inlet_ingress_auth_failures_limited_total\{family="lti"\} 2/);
  });

  it('counts unknown source ids against the address too', async () => {
    const ingress = await startTestIngress({ authFailureLimit: { max: 2, windowSeconds: 60 } });
    apps.push(ingress);
    expect((await post(ingress, 'guess-1', unsigned)).statusCode).toBe(404);
    expect((await post(ingress, 'guess-2', unsigned)).statusCode).toBe(404);
    expect((await post(ingress, 'guess-3', unsigned)).statusCode).toBe(429);
    expect((await post(ingress, 'test-lti', signed)).statusCode).toBe(202);
  });
});
