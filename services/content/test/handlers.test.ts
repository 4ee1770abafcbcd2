import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from '@inlet/kafka-runtime';
import { eventTypes, type InletEvent } from '@inlet/schemas';
import { createHandlers } from '../src/handlers/index.js';
import { eventApplier } from './helpers/apply.js';
import { createMigratedDatabase, type MigratedDatabase } from './helpers/database.js';
import { at, behaviorEvent, contentEvent, deepLinkEvent, type Item } from './helpers/events.js';

// Handlers against a real PostgreSQL transaction, applied the way the consumer runtime applies them.
describe('content handlers', () => {
  let db: MigratedDatabase;
  let applier: ReturnType<typeof eventApplier>;
  const apply = (...events: InletEvent[]) => applier.apply(...events);

  beforeAll(async () => {
    db = await createMigratedDatabase();
    applier = eventApplier(db.pool);
  });
  afterAll(async () => db?.close());

  const newId = (prefix: string) => `${prefix}-${randomUUID()}`;
  const catalogRow = async (contentId: string) => {
    const { rows } = await db.pool.query(
      `SELECT context_id, content_type, title, url, resource_link_id, body, body_text, deleted, source,
              search_vector::text AS search_vector, last_event_id, last_event_type, last_event_at
         FROM content.catalog WHERE content_id = $1`,
      [contentId],
    );
    return rows[0] as Record<string, unknown> | undefined;
  };

  it('handle every event type of inlet.content.v1 and nothing else', () => {
    const contentTypes = Object.entries(eventTypes)
      .filter(([, info]) => info.service === 'content')
      .map(([type]) => type);
    expect(Object.keys(createHandlers()).sort()).toEqual(contentTypes.sort());
  });

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
      const staleBefore = applier.stale.length;

      await apply(contentEvent('content.created', { contentId, title: 'old' }, { occurredAt: at(10) }));

      expect(await catalogRow(contentId)).toEqual(before);
      expect(applier.stale.slice(staleBefore)).toEqual(['content.created']);
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

  describe('deep links', () => {
    const linkRow = async (linkId: string) =>
      (
        await db.pool.query(
          `SELECT resource_type, context_id, created_by, configuration, source, created_at, event_id
             FROM content.deep_links WHERE link_id = $1`,
          [linkId],
        )
      ).rows[0] as Record<string, unknown> | undefined;

    it('deep_link.created stores the link with its configuration as jsonb, numbers exact', async () => {
      const linkId = newId('dl');
      await apply(
        deepLinkEvent(
          { linkId, configuration: '{"title":"Cells quiz","questionCount":10,"seed":12345678901234567890}' },
          { occurredAt: at(5) },
        ),
      );
      expect(await linkRow(linkId)).toMatchObject({
        resource_type: 'assessment',
        context_id: 'course-1',
        created_by: 'instructor-1',
        configuration: { title: 'Cells quiz', questionCount: 10, seed: 12345678901234567000 },
        created_at: new Date(at(5)),
      });
      const { rows } = await db.pool.query(
        `SELECT configuration->>'seed' AS seed FROM content.deep_links WHERE link_id = $1`,
        [linkId],
      );
      expect(rows[0]).toEqual({ seed: '12345678901234567890' });
    });

    it('a second report of the same link keeps the earliest report, whatever the arrival order', async () => {
      for (const order of [
        [0, 1, 2],
        [2, 1, 0],
        [1, 2, 0],
      ]) {
        const linkId = newId('dl');
        const reports = [
          deepLinkEvent({ linkId, createdBy: 'late' }, { occurredAt: at(20) }),
          deepLinkEvent({ linkId, createdBy: 'first' }, { occurredAt: at(10) }),
          deepLinkEvent({ linkId, createdBy: 'later' }, { occurredAt: at(30) }),
        ];
        await apply(...order.map((index) => reports[index]!));
        expect(await linkRow(linkId)).toMatchObject({
          created_by: 'first',
          created_at: new Date(at(10)),
          event_id: reports[1]!.eventId,
        });
      }
    });

    it.each([
      ['not JSON', '{"title": '],
      ['a JSON array', '[1, 2]'],
      ['JSON null', 'null'],
      ['a NUL character, which jsonb cannot hold', '{"title":"a\\u0000b"}'],
    ])('a configuration that is %s is permanent and writes nothing', async (_case, configuration) => {
      const linkId = newId('dl');
      const invalid = deepLinkEvent({ linkId, configuration });
      await expect(apply(invalid)).rejects.toBeInstanceOf(PermanentError);
      await expect(apply(invalid)).rejects.toMatchObject({ code: 'INLET_CONTENT_EVENT_INVALID' });
      expect(await linkRow(linkId)).toBeUndefined();
    });
  });

  describe('engagement', () => {
    const midnight = Date.parse('2026-11-24T00:00:00.000Z');
    const counters = async (table: string, keyColumn: string, key: string) =>
      (
        await db.pool.query(
          `SELECT day::text AS day, views::int AS views, clicks::int AS clicks, interactions::int AS interactions
             FROM content.${table} WHERE ${keyColumn} = $1 ORDER BY day`,
          [key],
        )
      ).rows;

    it('counts views, clicks and interactions per element per UTC day and per user per UTC day', async () => {
      const [user, lesson, hint] = [newId('user'), newId('lesson'), newId('hint')];
      await apply(
        behaviorEvent(user, [
          ['view', lesson, midnight - 60_000],
          ['click', hint, midnight - 30_000],
          ['view', lesson, midnight + 1],
          ['interaction', lesson, midnight + 2],
          ['view', lesson, midnight + 3],
        ]),
      );
      expect(await counters('element_daily_engagement', 'element', lesson)).toEqual([
        { day: '2026-11-23', views: 1, clicks: 0, interactions: 0 },
        { day: '2026-11-24', views: 2, clicks: 0, interactions: 1 },
      ]);
      expect(await counters('element_daily_engagement', 'element', hint)).toEqual([
        { day: '2026-11-23', views: 0, clicks: 1, interactions: 0 },
      ]);
      expect(await counters('user_daily_engagement', 'user_id', user)).toEqual([
        { day: '2026-11-23', views: 1, clicks: 1, interactions: 0 },
        { day: '2026-11-24', views: 2, clicks: 0, interactions: 1 },
      ]);
    });

    it('batches add up; a redelivered batch (same event id) counts once', async () => {
      const [user, element] = [newId('user'), newId('element')];
      const batch = behaviorEvent(user, [
        ['view', element, midnight + 10],
        ['click', element, midnight + 20],
      ]);
      await apply(batch, behaviorEvent(newId('other-user'), [['view', element, midnight + 30]]));
      await apply(batch);
      expect(applier.skipped).toContain(batch.eventId);
      expect(await counters('element_daily_engagement', 'element', element)).toEqual([
        { day: '2026-11-24', views: 2, clicks: 1, interactions: 0 },
      ]);
      expect(await counters('user_daily_engagement', 'user_id', user)).toEqual([
        { day: '2026-11-24', views: 1, clicks: 1, interactions: 0 },
      ]);
    });

    it('concurrent batches over the same elements all count (row locks taken in one order)', async () => {
      const elements = [newId('a'), newId('b'), newId('c')];
      const batches = Array.from({ length: 8 }, (_, index) =>
        behaviorEvent(
          newId('user'),
          (index % 2 === 0 ? elements : [...elements].reverse()).map((element) => [
            'view',
            element,
            midnight,
          ]),
        ),
      );
      await Promise.all(batches.map((batch) => apply(batch)));
      for (const element of elements) {
        expect(await counters('element_daily_engagement', 'element', element)).toEqual([
          { day: '2026-11-24', views: 8, clicks: 0, interactions: 0 },
        ]);
      }
    });

    it('an empty batch changes nothing', async () => {
      const user = newId('user');
      await apply(behaviorEvent(user, []));
      expect(await counters('user_daily_engagement', 'user_id', user)).toEqual([]);
    });

    it.each([
      ['an item time past year 9999', ['view', 'e', 8.64e15]],
      ['an empty element', ['view', '', midnight]],
    ] satisfies [string, Item][])('a batch with %s is permanent and counts nothing', async (_case, item) => {
      const user = newId('user');
      const invalid = behaviorEvent(user, [['view', newId('fine'), midnight], item]);
      await expect(apply(invalid)).rejects.toMatchObject({
        code: 'INLET_CONTENT_EVENT_INVALID',
        retryable: false,
      });
      expect(await counters('user_daily_engagement', 'user_id', user)).toEqual([]);
    });
  });

  describe('failure classification', () => {
    const context = (query: () => Promise<never>) => ({
      tx: { query },
      log: { debug: () => undefined, info: () => undefined },
    });
    const databaseError = (code: string) => {
      const error = new pg.DatabaseError('refused', 0, 'error');
      error.code = code;
      return error;
    };
    const handlers = createHandlers();
    const event = contentEvent('content.created', { contentId: 'c-1' });

    it.each(['22P05', '22021', '22003', '54000'])(
      'PostgreSQL refusing the data (SQLSTATE %s) is permanent',
      async (code) => {
        const failure = handlers['content.created'](
          event,
          context(() => Promise.reject(databaseError(code))),
        );
        await expect(failure).rejects.toBeInstanceOf(PermanentError);
        await expect(failure).rejects.toMatchObject({ message: expect.stringContaining(`SQLSTATE ${code}`) });
      },
    );

    it.each([
      ['a deadlock', databaseError('40P01')],
      ['a server shutting down', databaseError('57P01')],
      ['a missing table', databaseError('42P01')],
      ['a lost connection', new Error('Connection terminated unexpectedly')],
    ])('%s stays a plain error, which the runtime retries', async (_case, error) => {
      const failure = handlers['user.behavior'](
        behaviorEvent('u', [['view', 'e', at(0)]]),
        context(() => Promise.reject(error)),
      );
      await expect(failure).rejects.toBe(error);
    });
  });
});

function* permutations<T>(items: T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield items;
    return;
  }
  for (let i = 0; i < items.length; i += 1) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const tail of permutations(rest)) yield [items[i]!, ...tail];
  }
}
