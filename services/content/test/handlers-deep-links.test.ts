import { describe, expect, it } from 'vitest';
import { PermanentError } from '@inlet/kafka-runtime';
import { newId, useContentDatabase } from './helpers/content-database.js';
import { at, deepLinkEvent } from './helpers/events.js';

// deep_link.created against a real PostgreSQL transaction: the earliest report of each link is kept.
describe('content handlers', () => {
  const store = useContentDatabase();
  const { apply } = store;

  describe('deep links', () => {
    const linkRow = async (linkId: string) =>
      (
        await store.db.pool.query(
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
      const { rows } = await store.db.pool.query(
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
});
