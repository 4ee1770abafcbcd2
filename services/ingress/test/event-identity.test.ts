// Which eventId a webhook gets, through the real app and Kafka: the event's own id, never the token's, and for
// senders without ids, the bytes within the source's dedupe window.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacHeader, internalJwt } from './helpers/sign.js';
import { secrets, startTestIngress, watchTopic, type TestIngress } from './helpers/test-ingress.js';

const day = 24 * 60 * 60 * 1000;
const fixture = (path: string) => readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8');

let now = Date.UTC(2026, 11, 3, 9);
let ingress: TestIngress;
beforeAll(async () => {
  ingress = await startTestIngress({ now: () => now });
});
afterAll(() => ingress.close());

const post = (url: string, payload: string, headers: Record<string, string>) =>
  ingress.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': 'application/json', ...headers },
  });
const eventIdOf = (response: Awaited<ReturnType<typeof post>>) => {
  expect(response.statusCode, response.body).toBe(202);
  return response.json<{ eventId: string }>().eventId;
};

describe('a JWT names the token, not the event', () => {
  const upload = (id: string, videoId: string) => {
    const sample = JSON.parse(fixture('generic/video.upload.completed.json')) as {
      data: { videoId: string };
    };
    sample.data.videoId = videoId;
    return JSON.stringify({ id, ...sample });
  };

  it('one cached token carrying two events gives two events, both on the topic', async () => {
    const media = await watchTopic(ingress.kafka, 'inlet.media.v1');
    try {
      const cachedToken = await internalJwt(secrets.jwt, {
        iss: 'test-platform',
        aud: 'inlet',
        jti: 'tok-1',
      });
      const headers = { authorization: `Bearer ${cachedToken}` };
      const first = eventIdOf(
        await post('/webhooks/internal/video.upload.completed', upload('up-1', 'vid_a'), headers),
      );
      const second = eventIdOf(
        await post('/webhooks/internal/video.upload.completed', upload('up-2', 'vid_b'), headers),
      );
      expect(second).not.toBe(first);
      expect((await media.waitForEvent(first)).event.data).toMatchObject({ videoId: 'vid_a' });
      expect((await media.waitForEvent(second)).event.data).toMatchObject({ videoId: 'vid_b' });
    } finally {
      await media.stop();
    }
  });

  it('a retry with a fresh token is the same event', async () => {
    const body = upload('up-3', 'vid_c');
    const tokenA = await internalJwt(secrets.jwt, { iss: 'test-platform', aud: 'inlet', jti: 'tok-a' });
    const tokenB = await internalJwt(secrets.jwt, { iss: 'test-platform', aud: 'inlet', jti: 'tok-b' });
    const first = eventIdOf(
      await post('/webhooks/internal/video.upload.completed', body, { authorization: `Bearer ${tokenA}` }),
    );
    const retry = eventIdOf(
      await post('/webhooks/internal/video.upload.completed', body, { authorization: `Bearer ${tokenB}` }),
    );
    expect(retry).toBe(first);
  });
});

describe('senders without an id: the dedupe window', () => {
  // Generic LTI bodies without `id`, as many LMS plugins send them: only the bytes tell a retry from a new event.
  const grade = (score: number) =>
    JSON.stringify({
      type: 'grade.updated',
      data: {
        userId: 'user-dedupe',
        resourceLinkId: 'link-dedupe',
        score,
        maxScore: 100,
        timestamp: '2026-12-03T09:00:00Z',
      },
    });
  const send = async (score: number) =>
    eventIdOf(
      await post('/webhooks/lti/events?source=test-lti', grade(score), {
        'x-webhook-signature': hmacHeader(secrets.lti, grade(score)),
      }),
    );

  it('80, a retry of 80, 90, then 80 again a day later: three events, the last one new', async () => {
    const grades = await watchTopic(ingress.kafka, 'inlet.grades.v1');
    try {
      const first80 = await send(80);
      now += 60 * 60 * 1000;
      expect(await send(80)).toBe(first80); // the sender's retry within the window
      const ninety = await send(90);
      now += day + 1000; // the default window is a day
      const second80 = await send(80);
      expect(new Set([first80, ninety, second80]).size).toBe(3);
      // All three are on the topic: a consumer applies 80, 90 and 80 again, so the grade ends at 80.
      for (const eventId of [first80, ninety, second80]) await grades.waitForEvent(eventId);
      expect((await grades.waitForEvent(second80)).event.data).toMatchObject({ score: 80 });
    } finally {
      await grades.stop();
    }
  });
});
