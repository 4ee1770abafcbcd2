import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxFreeFormDepth, nestsDeeperThan } from '../src/normalize/convert.js';
import { internalJwt } from './helpers/sign.js';
import { secrets, startTestIngress, watchTopic, type TestIngress } from './helpers/test-ingress.js';

/** JSON text of an object nested `levels` deep ({"a":{"a":...}}), written without JSON.stringify. */
const nested = (levels: number): string =>
  `${'{"a":'.repeat(levels - 1)}{"leaf":true}${'}'.repeat(levels - 1)}`;

// Far past the ~10,000 levels at which JSON.stringify throws a RangeError; JSON.parse copes with it.
const hostileDepth = 50_000;

const behavior = (metadata: string) =>
  `{"type":"user.behavior","data":{"userId":"user-1","sessionId":"s-1","events":[` +
  `{"type":"view","element":"lesson:1","timestamp":"2026-11-23T12:00:00Z"},` +
  `{"type":"click","element":"button#hint","timestamp":"2026-11-23T12:00:01Z","metadata":${metadata}}]}}`;

const deepLink = (configuration: string) =>
  `{"linkId":"dl-1","resourceType":"assessment","contextId":"course-1","createdBy":"teacher-1",` +
  `"configuration":${configuration},"timestamp":"2026-11-23T12:00:00Z"}`;

const video = (metadata: string) =>
  `{"data":{"videoId":"video-1","metadata":{"title":"Lecture","extra":${metadata}},"timestamp":"2026-11-23T12:00:00Z"}}`;

describe('nestsDeeperThan', () => {
  it('counts objects and arrays, the value itself as level one', () => {
    expect(nestsDeeperThan(JSON.parse(nested(3)), 3)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(nested(4)), 3)).toBe(true);
    expect(nestsDeeperThan([[[]]], 2)).toBe(true);
    expect(nestsDeeperThan({ wide: Array.from({ length: 10_000 }, () => ({})) }, 3)).toBe(false);
    expect(nestsDeeperThan('text', 0)).toBe(false);
  });

  it('walks a body nested far deeper than the call stack allows', () => {
    expect(nestsDeeperThan(JSON.parse(nested(hostileDepth)), maxFreeFormDepth)).toBe(true);
  });
});

describe('authenticated bodies nested too deep', () => {
  let ingress: TestIngress;
  let content: Awaited<ReturnType<typeof watchTopic>>;
  let media: Awaited<ReturnType<typeof watchTopic>>;
  let token: string;

  beforeAll(async () => {
    ingress = await startTestIngress();
    content = await watchTopic(ingress.kafka, 'inlet.content.v1');
    media = await watchTopic(ingress.kafka, 'inlet.media.v1');
    token = await internalJwt(secrets.jwt, { iss: 'test-platform', aud: 'inlet' });
  });
  afterAll(async () => {
    await content?.stop();
    await media?.stop();
    await ingress?.close();
  });

  const postBehavior = (body: string) =>
    ingress.app.inject({
      method: 'POST',
      url: '/webhooks/services/test-service',
      payload: body,
      headers: { 'content-type': 'application/json', 'x-api-key': secrets.apiKey },
    });
  const postInternal = (eventType: string, body: string) =>
    ingress.app.inject({
      method: 'POST',
      url: `/webhooks/internal/${eventType}`,
      payload: body,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });

  const expectRefused = (response: Awaited<ReturnType<typeof postBehavior>>, field: string) => {
    expect(response.statusCode, response.body).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'INLET_INVALID_EVENT', field });
  };

  it('user.behavior item metadata: 422 naming the field, not a 500 from JSON.stringify', async () => {
    expectRefused(await postBehavior(behavior(nested(hostileDepth))), '/data/events/1/metadata');
    expectRefused(await postBehavior(behavior(nested(maxFreeFormDepth + 1))), '/data/events/1/metadata');
  });

  it('accepts metadata exactly at the bound', async () => {
    const response = await postBehavior(behavior(nested(maxFreeFormDepth)));
    expect(response.statusCode, response.body).toBe(202);
    await content.waitForEvent(response.json<{ eventId: string }>().eventId);
  });

  it('deep_link.created configuration and video metadata, bare and in an envelope', async () => {
    expectRefused(await postInternal('deep_link.created', deepLink(nested(hostileDepth))), '/configuration');
    expectRefused(
      await postInternal('deep_link.created', `{"data":${deepLink(nested(hostileDepth))}}`),
      '/data/configuration',
    );
    // The metadata object holds the deep value one level down, so its own depth is one more.
    expectRefused(
      await postInternal('video.upload.completed', video(nested(hostileDepth))),
      '/data/metadata',
    );
    expectRefused(
      await postInternal('video.upload.completed', video(nested(maxFreeFormDepth))),
      '/data/metadata',
    );
    const atBound = await postInternal('video.upload.completed', video(nested(maxFreeFormDepth - 1)));
    expect(atBound.statusCode, atBound.body).toBe(202);
    await media.waitForEvent(atBound.json<{ eventId: string }>().eventId);
  });
});
