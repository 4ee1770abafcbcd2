import { describe, expect, it } from 'vitest';
import { itServesMetricsAndHealth, useConsumerUnderTest } from '@inlet/service-kit/testing';
import { readRecords, uniqueName, waitFor } from '@inlet/test-harness';
import { content } from '../src/service.js';
import { at, behaviorEvent, contentEvent, deepLinkEvent } from './helpers/events.js';

// The real consumer runtime on unique topics, fed real Avro-encoded events, seen through the read API.
describe('content consuming from Kafka', () => {
  const service = useConsumerUnderTest(content, { logLevel: 'silent' });
  const { produce, get, handled } = service;

  const staleCount = async () =>
    (await service.metrics.staleEvents.get()).values.reduce((sum, value) => sum + value.value, 0);

  it('applies produced content, deep link and behavior events, and the read API shows them', async () => {
    const course = uniqueName('course');
    const contentId = uniqueName('assignment');
    const linkId = uniqueName('link');
    const userId = uniqueName('learner');
    await produce(
      contentEvent(
        'content.created',
        { contentId, contextId: course, title: 'Cell Structure Lab Report', body: '<p>organelles</p>' },
        { occurredAt: at(10) },
      ),
      contentEvent(
        'content.updated',
        { contentId, contextId: course, title: 'Cell Structure Lab Report', body: '<p>ribosomes</p>' },
        { occurredAt: at(20) },
      ),
      deepLinkEvent({ linkId, contextId: course }),
      behaviorEvent(userId, [
        ['view', contentId, at(30)],
        ['click', contentId, at(31)],
      ]),
    );

    const catalog = await waitFor(
      async () => {
        const body = (await get(`/contexts/${course}/content`)).json();
        return body.items.length === 1 && body.items[0].lastEventType === 'content.updated' && body;
      },
      { what: 'the item, its update applied' },
    );
    expect(catalog.items[0]).toMatchObject({ contentId, title: 'Cell Structure Lab Report' });
    const search = (await get(`/search?q=ribosomes&contextId=${course}`)).json();
    expect(search.items.map((hit: { contentId: string }) => hit.contentId)).toEqual([contentId]);
    expect((await get(`/search?q=organelles&contextId=${course}`)).json().items).toEqual([]);

    await waitFor(async () => (await get(`/deep-links/${linkId}`)).statusCode === 200, {
      what: 'the deep link',
    });
    const engagement = await waitFor(async () => {
      const body = (await get(`/engagement/users/${userId}`)).json();
      return body.days.length === 1 && body;
    });
    expect(engagement.totals).toEqual({ views: 1, clicks: 1, interactions: 0 });
    expect((await get('/health/ready')).statusCode).toBe(200);
  });

  it('a redelivered behavior batch counts once, and an older content event produced later changes nothing', async () => {
    const userId = uniqueName('learner');
    const contentId = uniqueName('page');
    const batch = behaviorEvent(userId, [['view', 'lesson:cells', at(30)]]);
    const update = contentEvent('content.updated', { contentId, title: 'newest' }, { occurredAt: at(20) });
    await produce(batch, update);
    await waitFor(async () => (await get(`/content/${contentId}`)).statusCode === 200, { what: 'the item' });
    await waitFor(async () => (await get(`/engagement/users/${userId}`)).json().days.length === 1);
    const before = handled();
    const staleBefore = await staleCount();

    // Kafka redelivers the batch (same eventId), and a retry of an older change finally arrives.
    await produce(batch);
    await produce(contentEvent('content.created', { contentId, title: 'oldest' }, { occurredAt: at(10) }));
    await waitFor(() => handled() >= before + 2, { what: 'both messages to be handled' });

    expect((await get(`/engagement/users/${userId}`)).json().totals).toEqual({
      views: 1,
      clicks: 0,
      interactions: 0,
    });
    expect((await get(`/content/${contentId}`)).json()).toMatchObject({ title: 'newest' });
    expect(service.consumer.status().skipped).toBeGreaterThanOrEqual(1);
    expect(await staleCount()).toBe(staleBefore + 1);
  });

  it('an invalid event goes to the DLQ at once, with its error code, and writes nothing', async () => {
    const linkId = uniqueName('link');
    const before = service.consumer.status().deadLettered;
    const invalid = deepLinkEvent({ linkId, configuration: '[1, 2]' });
    await produce(invalid);
    await waitFor(() => service.consumer.status().deadLettered === before + 1, {
      what: 'the event to be dead-lettered',
    });
    expect((await get(`/deep-links/${linkId}`)).statusCode).toBe(404);

    // The topics are this file's own: the invalid event is the only one its DLQ ever holds.
    const [record] = await readRecords(service.kafka, service.topics.dlq, 1);
    expect(record?.headers).toMatchObject({
      'inlet-event-id': invalid.eventId,
      'inlet-attempt': '1',
      'inlet-error-class': 'PermanentError',
      'inlet-error-code': 'INLET_CONTENT_EVENT_INVALID',
    });
  });

  it('a database failure is retried through the retry tier, then applied', async () => {
    const linkId = uniqueName('link');
    const { retried, deadLettered } = service.consumer.status();
    // A table that is briefly gone fails the handler with an ordinary database error (SQLSTATE 42P01).
    await service.db.pool.query('ALTER TABLE content.deep_links RENAME TO deep_links_away');
    try {
      await produce(deepLinkEvent({ linkId }));
      await waitFor(() => service.consumer.status().retried > retried, {
        what: 'the event to go to a retry tier',
      });
    } finally {
      await service.db.pool.query('ALTER TABLE content.deep_links_away RENAME TO deep_links');
    }
    await waitFor(async () => (await get(`/deep-links/${linkId}`)).statusCode === 200, {
      what: 'the retried event to be applied',
    });
    expect(service.consumer.status().deadLettered).toBe(deadLettered);
  });

  itServesMetricsAndHealth(service, { serviceMetrics: ['inlet_content_stale_events_total'] });
});
