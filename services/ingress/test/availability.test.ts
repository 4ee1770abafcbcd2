import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKafka, type RunningKafka } from '@inlet/local-kafka';
import {
  createKafkaClient,
  loadKafkaConnection,
  watchKafkaConnectivity,
  type KafkaConnectivity,
} from '@inlet/kafka-runtime';
import { waitFor } from '@inlet/test-harness';
import { hmacHeader } from './helpers/sign.js';
import { secrets, startTestIngress, type TestIngress } from './helpers/test-ingress.js';

// A sender gets 2xx only after Kafka acknowledged; when Kafka cannot take the event, 503 with
// Retry-After. This file runs its OWN broker, so it can stop it without disturbing other tests.
describe('when Kafka goes away', () => {
  let kafka: RunningKafka;
  let ingress: TestIngress;
  let connectivity: KafkaConnectivity;

  beforeAll(async () => {
    // The jar launcher: only its broker can be suspended and resumed on the same address.
    kafka = await startKafka({ useKafkaBrokersEnv: false, containers: 'never', log: () => undefined });
    connectivity = watchKafkaConnectivity(
      createKafkaClient({ connection: loadKafkaConnection(kafka.clientEnv), clientId: 'availability-probe' }),
      300,
    );
    await connectivity.start();
    ingress = await startTestIngress({ brokers: kafka.brokers, connectivity, produceTimeoutMs: 2_000 });
  }, 120_000);
  afterAll(async () => {
    await ingress?.close();
    await connectivity?.stop();
    await kafka?.stop();
  });

  const post = () => {
    const body = JSON.stringify({
      type: 'member.added',
      data: {
        contextId: 'course-1',
        userId: `user-${Math.random()}`,
        roles: ['Learner'],
        timestamp: '2026-11-23T12:00:00Z',
      },
    });
    return ingress.app.inject({
      method: 'POST',
      url: '/webhooks/lti/events?source=test-lti',
      payload: body,
      headers: { 'content-type': 'application/json', 'x-webhook-signature': hmacHeader(secrets.lti, body) },
    });
  };

  it('answers 503 with Retry-After while Kafka is down, and 202 again once it is back, without a restart', async () => {
    expect((await post()).statusCode).toBe(202);
    expect((await ingress.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);

    await kafka.suspend!();

    const refused = await post();
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ status: 503, code: 'INLET_KAFKA_UNAVAILABLE' });

    await waitFor(
      async () => (await ingress.app.inject({ method: 'GET', url: '/health/ready' })).statusCode === 503,
      {
        what: 'readiness to report Kafka unreachable',
      },
    );
    const live = await ingress.app.inject({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);

    await kafka.resume!();
    await waitFor(async () => (await post()).statusCode === 202, {
      timeoutMs: 30_000,
      what: 'a 202 after Kafka is back',
    });
    await waitFor(
      async () => (await ingress.app.inject({ method: 'GET', url: '/health/ready' })).statusCode === 200,
      {
        what: 'readiness to recover',
      },
    );
  }, 90_000);
});
