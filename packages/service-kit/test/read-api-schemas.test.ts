import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { lastEventOf } from '../src/last-event-row.js';
import {
  CursorText,
  Nullable,
  Page,
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

  it('lastEventFields lists the fields lastEventOf answers, in the same order', () => {
    const row = {
      last_event_id: 'evt-1',
      last_event_type: 'grade.updated',
      last_event_at: new Date('2026-12-01T10:00:00Z'),
      updated_at: new Date('2026-12-01T10:00:01Z'),
    };
    expect(lastEventOf(row)).toEqual({
      lastEventId: 'evt-1',
      lastEventType: 'grade.updated',
      lastEventAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:01.000Z',
    });
    expect(Object.keys(lastEventOf(row))).toEqual(Object.keys(lastEventFields));
  });
});
