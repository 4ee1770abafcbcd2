import { describe, expect, it } from 'vitest';
import { newId, useContentDatabase } from './helpers/content-database.js';
import { behaviorEvent, type Item } from './helpers/events.js';

// user.behavior batches against a real PostgreSQL transaction: daily counters per element and per user.
describe('content handlers', () => {
  const store = useContentDatabase();
  const { apply } = store;

  describe('engagement', () => {
    const midnight = Date.parse('2026-11-24T00:00:00.000Z');
    const counters = async (table: string, keyColumn: string, key: string) =>
      (
        await store.db.pool.query(
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
      expect(store.applier.skipped).toContain(batch.eventId);
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

    it('a run of batches in one transaction adds up as one sum; an invalid batch in it fails alone', async () => {
      const [user, lesson] = [newId('user'), newId('lesson')];
      const first = behaviorEvent(user, [['view', lesson, midnight]]);
      const invalid = behaviorEvent(user, [['view', '', midnight]]);
      const second = behaviorEvent(user, [
        ['click', lesson, midnight + 1],
        ['view', lesson, midnight + 2],
      ]);
      const results = await store.applier.applyTogether(first, invalid, second, first);
      expect(results.map((result) => result.status)).toEqual([
        'processed',
        'failed',
        'processed',
        'duplicate',
      ]);
      expect((results[1] as { error: unknown }).error).toMatchObject({ code: 'INLET_CONTENT_EVENT_INVALID' });
      expect(await counters('element_daily_engagement', 'element', lesson)).toEqual([
        { day: '2026-11-24', views: 2, clicks: 1, interactions: 0 },
      ]);
      expect(await counters('user_daily_engagement', 'user_id', user)).toEqual([
        { day: '2026-11-24', views: 2, clicks: 1, interactions: 0 },
      ]);
    });
  });
});
