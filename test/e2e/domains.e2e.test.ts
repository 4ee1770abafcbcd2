import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ancestorsOf, testKafka, uniqueName, waitFor } from '@inlet/test-harness';
import { eventually, startDomainStack, type DomainStack } from './support/domain-stack.js';

const fixture = (path: string) =>
  readFileSync(new URL(`../../services/ingress/test/fixtures/${path}`, import.meta.url), 'utf8');

// Signed webhooks at the real ingress process reach each consumer service (its own process, consumer group and
// database) through real Kafka, and show in its read API.
describe('signed webhooks -> ingress -> Kafka -> membership, content, payments, media', () => {
  let stack: DomainStack;
  let unique = '';

  beforeAll(async () => {
    stack = await startDomainStack();
    unique = stack.unique;
  }, 180_000);
  afterAll(async () => {
    const codes = await stack?.stop();
    expect(codes?.every((code) => code === 0)).toBe(true);
  });

  it('membership: an LTI member.added lands in the roster and member.removed marks it removed', async () => {
    const contextId = `course-${unique}`;
    const added = await stack.ingress.postLti(
      JSON.stringify({
        type: 'member.added',
        data: {
          contextId,
          userId: 'learner-1',
          roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
          timestamp: '2026-11-23T12:00:00Z',
        },
      }),
    );
    expect(added.status).toBe(202);
    const member = await eventually<{ status: string; normalizedRoles: string[] }>(
      stack.running.membership,
      `/contexts/${contextId}/members/learner-1`,
      (body) => body.status === 'active',
    );
    expect(member.normalizedRoles).toEqual(['learner']);

    const removed = await stack.ingress.postLti(
      JSON.stringify({
        type: 'member.removed',
        data: { contextId, userId: 'learner-1', roles: [], timestamp: '2026-11-23T13:00:00Z' },
      }),
    );
    expect(removed.status).toBe(202);
    await eventually<{ status: string }>(
      stack.running.membership,
      `/contexts/${contextId}/members/learner-1`,
      (body) => body.status === 'removed',
    );
  });

  it('content: LTI content, a services user.behavior and an internal deep link land in the catalog', async () => {
    const contentId = `content-${unique}`;
    const word = `photosynthesis${unique}`;
    const created = await stack.ingress.postLti(
      JSON.stringify({
        type: 'content.created',
        data: {
          contentId,
          contextId: `course-${unique}`,
          title: `Week 3: ${word}`,
          url: 'https://lms.example.edu/c/1',
          timestamp: '2026-11-23T12:00:00Z',
        },
      }),
    );
    expect(created.status).toBe(202);
    const item = await eventually<{ title: string }>(
      stack.running.content,
      `/content/${contentId}`,
      () => true,
    );
    expect(item.title).toBe(`Week 3: ${word}`);
    const search = await eventually<{ items: { contentId: string }[] }>(
      stack.running.content,
      `/search?q=${word}`,
      (body) => body.items.length > 0,
    );
    expect(search.items[0]!.contentId).toBe(contentId);

    const behavior = await stack.ingress.postService(
      JSON.stringify({
        type: 'user.behavior',
        data: {
          userId: `viewer-${unique}`,
          sessionId: 's-1',
          events: [
            { type: 'view', element: contentId, timestamp: '2026-11-23T12:01:00Z' },
            { type: 'click', element: contentId, timestamp: '2026-11-23T12:02:00Z' },
          ],
        },
      }),
    );
    expect(behavior.status).toBe(202);
    await eventually<unknown>(
      stack.running.content,
      `/engagement/users/viewer-${unique}?from=2026-11-23&to=2026-11-23`,
      (body) => JSON.stringify(body).includes('2026-11-23'),
    );

    const linkId = `link-${unique}`;
    const deepLink = await stack.ingress.postInternal(
      'deep_link.created',
      JSON.stringify({
        type: 'deep_link.created',
        data: {
          linkId,
          resourceType: 'assessment',
          contextId: `course-${unique}`,
          createdBy: 'instructor-1',
          configuration: { attempts: 2 },
          timestamp: '2026-11-23T12:00:00Z',
        },
      }),
    );
    expect(deepLink.status).toBe(202);
    const link = await eventually<{ resourceType: string }>(
      stack.running.content,
      `/deep-links/${linkId}`,
      () => true,
    );
    expect(link.resourceType).toBe('assessment');
  });

  it('payments: a Stripe charge and its full refund end refunded, with the entitlement revoked', async () => {
    const paymentIntent = `pi_e2e${unique}`;
    const userId = `buyer-${unique}`;
    const personalise = (text: string) =>
      text
        .replaceAll('pi_3OuXq2LkdIwHu7ix1a2b3c4d', paymentIntent)
        .replaceAll('user_8f2c41', userId)
        .replace(/"id": "evt_([A-Za-z0-9]+)"/, `"id": "evt_$1${unique}"`);
    const charged = await stack.ingress.postStripe(personalise(fixture('stripe/charge.succeeded.json')));
    expect(charged.status).toBe(202);
    await eventually<{ status: string; captured: number }>(
      stack.running.payments,
      `/payments/${paymentIntent}`,
      (body) => body.captured === 4900,
    );
    await eventually<{ items: { courseId: string | null }[] }>(
      stack.running.payments,
      `/users/${userId}/entitlements`,
      (body) => body.items.some((entitlement) => entitlement.courseId === 'course_bio101'),
    );

    const refunded = await stack.ingress.postStripe(personalise(fixture('stripe/charge.refunded.json')));
    expect(refunded.status).toBe(202);
    const payment = await eventually<{ status: string; captured: number; balance: number }>(
      stack.running.payments,
      `/payments/${paymentIntent}`,
      (body) => body.status === 'refunded',
    );
    expect(payment).toMatchObject({ captured: 4900, balance: 0 });
    await eventually<{ items: unknown[] }>(
      stack.running.payments,
      `/users/${userId}/entitlements`,
      (body) => body.items.length === 0,
    );
  });

  it('media: an internal video upload and a service transcription land as a searchable transcript', async () => {
    const videoId = `vid-${unique}`;
    const uploaded = await stack.ingress.postInternal(
      'video.upload.completed',
      JSON.stringify({
        type: 'video.upload.completed',
        data: {
          videoId,
          metadata: { title: 'Lecture 4: Mitosis', durationSeconds: 1834.5 },
          timestamp: '2026-11-23T12:00:00Z',
        },
      }),
    );
    expect(uploaded.status).toBe(202);
    const transcribed = await stack.ingress.postService(
      JSON.stringify({
        type: 'transcription.completed',
        data: {
          jobId: `job-${unique}`,
          videoId,
          transcriptionUrl: `${stack.transcriptBase}/${videoId}.vtt`,
          confidence: 0.94,
          duration: 1834.5,
          timestamp: '2026-11-23T12:10:00Z',
        },
      }),
    );
    expect(transcribed.status).toBe(202);
    const video = await eventually<{ title: string; transcript: { status: string } }>(
      stack.running.media,
      `/videos/${videoId}`,
      (body) => body.transcript?.status === 'transcribed' && body.title !== null,
    );
    expect(video.title).toBe('Lecture 4: Mitosis');
    const found = await eventually<{ items: unknown[] }>(
      stack.running.media,
      `/search?q=mitochondria${unique}&videoId=${videoId}`,
      (body) => body.items.length > 0,
    );
    expect(JSON.stringify(found.items[0])).toContain('<mark>');
  });

  it('traces a transcription whose host stays down: ingress -> each retry tier -> DLQ, one trace', async () => {
    const senderTrace = randomBytes(16).toString('hex');
    const videoId = `vid-down-${unique}`;
    const accepted = await stack.ingress.postService(
      JSON.stringify({
        type: 'transcription.completed',
        data: {
          jobId: `job-down-${unique}`,
          videoId,
          transcriptionUrl: `${stack.transcriptBase}/down/${videoId}.vtt`,
          confidence: 0.9,
          duration: 60,
          timestamp: '2026-11-23T12:20:00Z',
        },
      }),
      { traceparent: `00-${senderTrace}-00f067aa0ba902b7-01` },
    );
    expect(accepted.status).toBe(202);

    const attempts = ['inlet.media.v1', 'media.retry.1000', 'media.retry.2000', 'media.retry.4000'];
    const spans = await stack.otlp.waitForTrace(
      senderTrace,
      [
        { service: 'ingress', name: 'POST /webhooks/services/:serviceId' },
        { service: 'ingress', name: 'inlet.media.v1 publish' },
        ...attempts.map((topic) => ({ service: 'media', name: `${topic} process` })),
      ],
      45_000,
    );
    const span = (name: string) => spans.find((candidate) => candidate.name === name)!;
    const server = span('POST /webhooks/services/:serviceId');
    const publish = span('inlet.media.v1 publish');
    expect(server.parentSpanId).toBe('00f067aa0ba902b7');
    expect(ancestorsOf(publish, spans)).toContain(server.spanId);
    // Each attempt is a child of the previous one: the retry record carried the failed attempt's context.
    let parent = publish;
    for (const topic of attempts) {
      const attempt = span(`${topic} process`);
      expect(attempt.service).toBe('media');
      expect(attempt.parentSpanId, topic).toBe(parent.spanId);
      parent = attempt;
    }
    expect(span('media.retry.4000 process').attributes['inlet.outcome']).toBe('dead_lettered');

    // The dead letter carries the last attempt's context, so `inlet dlq replay` keeps the trace.
    const consumer = testKafka().consumer({ groupId: uniqueName('e2e-dlq-reader') });
    const dead: Record<string, string>[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: 'media.dlq', fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
        );
        if (headers['inlet-event-id'] === accepted.json.eventId) dead.push(headers);
      },
    });
    await waitFor(() => dead.length > 0, { timeoutMs: 20_000, what: 'the dead letter' });
    await consumer.disconnect();
    expect(dead[0]!.traceparent).toBe(`00-${senderTrace}-${parent.spanId}-01`);
    expect(dead[0]!['inlet-attempt']).toBe('4');
  }, 90_000);
});
