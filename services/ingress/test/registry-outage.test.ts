import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfluentSchemaRegistry, EmbeddedRegistry, topicOfEventType, type AvroSchema } from '@inlet/schemas';
import { uniqueName } from '@inlet/test-harness';
import { hmacHeader } from './helpers/sign.js';
import { secrets, startTestIngress, watchTopic, type TestIngress } from './helpers/test-ingress.js';

/**
 * A Confluent Schema Registry stand-in (a third-party server) that can be down (503, as behind a load balancer)
 * or up. Up, it gives each schema the embedded registry's id, so the test's watcher decodes what was produced.
 */
async function startRegistry() {
  const embedded = new EmbeddedRegistry();
  let down = true;
  const server: Server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const register = /^\/subjects\/([^/]+)-value\/versions$/.exec(request.url ?? '');
    response.setHeader('content-type', 'application/vnd.schemaregistry.v1+json');
    if (down || request.method !== 'POST' || !register) {
      response.writeHead(down ? 503 : 404);
      response.end(JSON.stringify({ error_code: down ? 50003 : 404, message: 'not now' }));
      return;
    }
    const schema = JSON.parse((JSON.parse(body) as { schema: string }).schema) as AvroSchema;
    response.end(JSON.stringify({ id: await embedded.idFor(decodeURIComponent(register[1]!), schema) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    up: () => void (down = false),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('when the schema registry is down', () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  let unreachable: TestIngress;
  let refusing: TestIngress;
  let topic: Awaited<ReturnType<typeof watchTopic>>;
  const contextId = uniqueName('course');

  beforeAll(async () => {
    registry = await startRegistry();
    // Port 1: nothing listens, the connection is refused.
    unreachable = await startTestIngress({
      registry: new ConfluentSchemaRegistry({ url: 'http://127.0.0.1:1', timeoutMs: 1_000 }),
    });
    refusing = await startTestIngress({
      registry: new ConfluentSchemaRegistry({ url: registry.url, timeoutMs: 1_000 }),
    });
    topic = await watchTopic(refusing.kafka, topicOfEventType('member.added'));
  });
  afterAll(async () => {
    await topic?.stop();
    await unreachable?.close();
    await refusing?.close();
    await registry?.close();
  });

  const post = (ingress: TestIngress, userId: string) => {
    const body = JSON.stringify({
      type: 'member.added',
      data: { contextId, userId, roles: ['Learner'], timestamp: '2026-11-23T12:00:00Z' },
    });
    return ingress.app.inject({
      method: 'POST',
      url: '/webhooks/lti/events?source=test-lti',
      payload: body,
      headers: { 'content-type': 'application/json', 'x-webhook-signature': hmacHeader(secrets.lti, body) },
    });
  };

  it('answers 503 with Retry-After and produces nothing, then 202 once it answers again', async () => {
    for (const [ingress, userId] of [
      [unreachable, 'user-unreachable'],
      [refusing, 'user-refused'],
    ] as const) {
      const response = await post(ingress, userId);
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 503, code: 'INLET_SCHEMA_REGISTRY_UNAVAILABLE' });
      // The registry's address is ours to know, not the sender's.
      expect(response.body).not.toContain('127.0.0.1');
    }

    registry.up();
    const accepted = await post(refusing, 'user-accepted');
    expect(accepted.statusCode).toBe(202);
    const { eventId } = accepted.json<{ eventId: string }>();
    await topic.waitForEvent(eventId);
    // Only the accepted event of this test's course reached the topic: the refused ones left nothing behind.
    const ours = topic.seen.filter(
      ({ event }) => (event.data as { contextId?: string }).contextId === contextId,
    );
    expect(ours.map(({ event }) => event.eventId)).toEqual([eventId]);
  });
});
