import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { lastEventColumns, selectList } from '../src/sql/select-list.js';
import {
  CursorText,
  Nullable,
  Page,
  Timestamp,
  lastEventFields,
  pageFields,
  pageQueryFields,
} from '../src/read-api-schemas.js';

const Item = Type.Object({ id: Type.String() });

describe('read API schema building blocks', () => {
  it('Page(item) is the items then the next cursor, which may be null', () => {
    expect(JSON.parse(JSON.stringify(Page(Item)))).toEqual(
      JSON.parse(
        JSON.stringify(Type.Object({ items: Type.Array(Item), nextCursor: Nullable(Type.String()) })),
      ),
    );
    expect(Object.keys(Type.Object({ userId: Type.String(), ...pageFields(Item) }).properties)).toEqual([
      'userId',
      'items',
      'nextCursor',
    ]);
  });

  it('pageQueryFields bounds the limit, defaults it, and takes an optional cursor', () => {
    const query = Type.Object(pageQueryFields(100, 20));
    expect(query.properties.limit).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
    expect(query.properties.cursor).toEqual(Type.Optional(CursorText));
    expect(query.required).toEqual(['limit']);
  });

  it('lastEventColumns selects every field of lastEventFields, in the same order', () => {
    expect(Object.keys(lastEventColumns())).toEqual(Object.keys(lastEventFields));
    expect(selectList(lastEventColumns('m'))).toBe(
      'm.last_event_id AS "lastEventId", m.last_event_type AS "lastEventType", ' +
        'm.last_event_at AS "lastEventAt", m.updated_at AS "updatedAt"',
    );
  });

  it('selectList names each expression after its field, and refuses a field name SQL would misread', () => {
    expect(selectList<{ score: number; userId: string }>({ userId: 'user_id', score: 'score::float8' })).toBe(
      'user_id AS "userId", score::float8 AS "score"',
    );
    expect(() => selectList<Record<string, unknown>>({ 'a" FROM x; --': 'a' })).toThrow(
      /not a plain field name/,
    );
  });

  it('a Timestamp field answers the Date a query read as ISO 8601 text, and null where Nullable', async () => {
    const Answer = Type.Object({ at: Timestamp, until: Nullable(Timestamp), since: Nullable(Timestamp) });
    const app = Fastify();
    app.get('/', { schema: { response: { 200: Answer } } }, async () => ({
      at: new Date('2026-12-01T10:00:00.5Z'),
      until: null,
      since: new Date('1999-01-02T03:04:05Z'),
    }));
    const response = await app.inject('/');
    expect(response.json()).toEqual({
      at: '2026-12-01T10:00:00.500Z',
      until: null,
      since: '1999-01-02T03:04:05.000Z',
    });
    await app.close();
  });
});
