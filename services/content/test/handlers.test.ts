import { describe, expect, it } from 'vitest';
import { itHandlesEveryEventTypeOf } from '@inlet/service-kit/testing';
import { permutations } from '@inlet/test-harness';
import { PermanentError } from '@inlet/kafka-runtime';
import { createHandlers } from '../src/handlers/index.js';
import { newId, useContentDatabase } from './helpers/content-database.js';
import { at, contentEvent } from './helpers/events.js';

// Handlers against a real PostgreSQL transaction, applied the way the consumer runtime applies them: the
// catalog, which keeps the newest report of each item.
describe('content handlers', () => {
  const store = useContentDatabase();
  const { apply } = store;

  const catalogRow = async (contentId: string) => {
    const { rows } = await store.db.pool.query(
      `SELECT context_id, content_type, title, url, resource_link_id, body, body_text, deleted, source,
              search_vector::text AS search_vector, last_event_id, last_event_type, last_event_at
         FROM content.catalog WHERE content_id = $1`,
      [contentId],
    );
    return rows[0] as Record<string, unknown> | undefined;
  };

  itHandlesEveryEventTypeOf('content', () => createHandlers());

  describe('catalog', () => {
    it('content.created stores the item and indexes title (A) and the body as text (B); content.updated replaces it', async () => {
      const contentId = newId('assignment');
      await apply(
        contentEvent(
          'content.created',
          {
            contentId,
            title: 'Cell Structure Lab Report',
            url: 'https://school.example/a/355',
            resourceLinkId: 'rl-1',
            body: '<p>Describe the <b>organelles</b> you observed.</p>',
          },
          { occurredAt: at(10), source: 'canvas-prod' },
        ),
      );
      expect(await catalogRow(contentId)).toMatchObject({
        context_id: 'course-1',
        content_type: 'assignment',
        title: 'Cell Structure Lab Report',
        resource_link_id: 'rl-1',
        body: '<p>Describe the <b>organelles</b> you observed.</p>',
        body_text: 'Describe the organelles you observed.',
        deleted: false,
        source: 'canvas-prod',
        last_event_type: 'content.created',
        last_event_at: new Date(at(10)),
      });
      const vector = (await catalogRow(contentId))?.search_vector as string;
      expect(vector).toContain("'cell':1A");
      expect(vector).toContain("'organell':7B");
      expect(vector).not.toMatch(/'p'|'b'/);

      const update = contentEvent(
        'content.updated',
        { contentId, title: 'Lab Report (revised)', body: 'Include a labelled diagram.' },
        { occurredAt: at(20) },
      );
      await apply(update);
      expect(await catalogRow(contentId)).toMatchObject({
        title: 'Lab Report (revised)',
        body_text: 'Include a labelled diagram.',
        // The row is the newest event's data: nothing is merged from older ones.
        url: null,
        resource_link_id: null,
        last_event_id: update.eventId,
        last_event_type: 'content.updated',
      });
      expect((await catalogRow(contentId))?.search_vector).toContain("'diagram'");
      expect((await catalogRow(contentId))?.search_vector).not.toContain('organell');
    });

    it('an older event applied after a newer one changes nothing, and is counted as stale', async () => {
      const contentId = newId('page');
      await apply(contentEvent('content.updated', { contentId, title: 'new' }, { occurredAt: at(20) }));
      const before = await catalogRow(contentId);
      const staleBefore = store.applier.stale.length;

      await apply(contentEvent('content.created', { contentId, title: 'old' }, { occurredAt: at(10) }));

      expect(await catalogRow(contentId)).toEqual(before);
      expect(store.applier.stale.slice(staleBefore)).toEqual(['content.created']);
    });

    it('events with the same occurredAt: the greater eventId wins, whatever the arrival order', async () => {
      const [a, b] = [newId('item'), newId('item')];
      const low = { eventId: '00000000-0000-4000-8000-000000000001', occurredAt: at(10) };
      const high = { eventId: '00000000-0000-4000-8000-000000000002', occurredAt: at(10) };
      await apply(
        contentEvent('content.updated', { contentId: a, title: 'low' }, low),
        contentEvent('content.updated', { contentId: a, title: 'high' }, high),
      );
      await apply(
        contentEvent(
          'content.updated',
          { contentId: b, title: 'high' },
          { ...high, eventId: `${high.eventId}b` },
        ),
        contentEvent(
          'content.updated',
          { contentId: b, title: 'low' },
          { ...low, eventId: `${low.eventId}b` },
        ),
      );
      expect((await catalogRow(a))?.title).toBe('high');
      expect((await catalogRow(b))?.title).toBe('high');
    });

    it('content.deleted leaves a tombstone: identity kept, body and its index gone', async () => {
      const contentId = newId('discussion');
      await apply(
        contentEvent(
          'content.created',
          { contentId, contentType: 'discussion_topic', title: 'Week 3', body: '<p>organelles</p>' },
          { occurredAt: at(10) },
        ),
        contentEvent(
          'content.deleted',
          { contentId, contentType: 'discussion_topic', title: 'Week 3', body: '<p>organelles</p>' },
          { occurredAt: at(20) },
        ),
      );
      const row = await catalogRow(contentId);
      expect(row).toMatchObject({
        deleted: true,
        title: 'Week 3',
        content_type: 'discussion_topic',
        body: null,
        body_text: null,
        last_event_type: 'content.deleted',
      });
      expect(row?.search_vector).not.toContain('organell');
    });

    it('an older update after a delete does not bring the item back; a newer one does', async () => {
      const contentId = newId('quiz');
      await apply(
        contentEvent('content.created', { contentId, title: 'v1' }, { occurredAt: at(10) }),
        contentEvent('content.deleted', { contentId }, { occurredAt: at(30) }),
        contentEvent('content.updated', { contentId, title: 'v2' }, { occurredAt: at(20) }),
      );
      expect(await catalogRow(contentId)).toMatchObject({ deleted: true, title: null });

      await apply(contentEvent('content.updated', { contentId, title: 'restored' }, { occurredAt: at(40) }));
      expect(await catalogRow(contentId)).toMatchObject({ deleted: false, title: 'restored' });
    });

    it('a delete that arrives before the item it deletes still wins over it', async () => {
      const contentId = newId('module');
      await apply(
        contentEvent('content.deleted', { contentId }, { occurredAt: at(20) }),
        contentEvent('content.created', { contentId, title: 'late' }, { occurredAt: at(10) }),
      );
      expect(await catalogRow(contentId)).toMatchObject({ deleted: true, title: null });
    });

    it('every arrival order of the same events ends in the same row', async () => {
      const events = (contentId: string) => [
        contentEvent(
          'content.created',
          { contentId, title: 'a', body: 'one' },
          { eventId: 'e-1', occurredAt: at(10) },
        ),
        contentEvent(
          'content.updated',
          { contentId, title: 'b', body: 'two' },
          { eventId: 'e-2', occurredAt: at(20) },
        ),
        contentEvent('content.deleted', { contentId, title: 'c' }, { eventId: 'e-3', occurredAt: at(20) }),
        contentEvent(
          'content.updated',
          { contentId, title: 'd', body: 'four' },
          { eventId: 'e-4', occurredAt: at(15) },
        ),
      ];
      const outcomes = new Set<string>();
      for (const order of permutations([0, 1, 2, 3])) {
        const contentId = newId('perm');
        const all = events(contentId).map((event) => ({
          ...event,
          eventId: `${event.eventId}-${contentId}`,
        }));
        await apply(...order.map((index) => all[index]!));
        const { last_event_id, ...row } = (await catalogRow(contentId))!;
        outcomes.add(JSON.stringify({ ...row, last: String(last_event_id).slice(0, 3) }));
      }
      // 24 orders, one outcome: e-3 (the delete) has the latest (occurredAt, eventId).
      expect(outcomes.size).toBe(1);
      expect(JSON.parse([...outcomes][0]!)).toMatchObject({
        deleted: true,
        title: 'c',
        body: null,
        last: 'e-3',
      });
    });

    it('NUL characters in free text are dropped; an id PostgreSQL cannot store is permanent and writes nothing', async () => {
      const contentId = newId('nul');
      await apply(contentEvent('content.created', { contentId, title: 'ti\0tle', body: 'bo\0dy' }));
      expect(await catalogRow(contentId)).toMatchObject({ title: 'title', body: 'body', body_text: 'body' });

      const badId = contentEvent('content.created', { contentId: `${contentId}-\0` });
      await expect(apply(badId)).rejects.toBeInstanceOf(PermanentError);
      await expect(apply(badId)).rejects.toMatchObject({
        code: 'INLET_CONTENT_EVENT_INVALID',
        retryable: false,
      });
    });

    it('an empty content id is refused as permanent', async () => {
      await expect(apply(contentEvent('content.created', { contentId: '' }))).rejects.toMatchObject({
        code: 'INLET_CONTENT_EVENT_INVALID',
        message: expect.stringContaining('data.contentId is empty'),
      });
    });
  });
});
