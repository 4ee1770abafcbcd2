import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cursorOf, expectCursorRefused } from '@inlet/test-harness';
import type { CursorKind, CursorOf, KeysetCursor } from '../keyset-cursor.js';
import type { ServiceUnderTest } from './describe-read-api-operations.js';
import { startReadApi, type ReadApiUnderTest } from './read-api-under-test.js';

/** The first and last instants both a Date and PostgreSQL timestamptz hold. */
const earliest = Date.UTC(-4713, 10, 25);
const latest = 8.64e15;

/**
 * For each kind of sort key, values at the edges of its SQL type (the route must take them) and values a client
 * can forge beyond them (each once reached the query and failed it with a 500).
 */
const edges: Record<CursorKind, { taken: [string, unknown][]; forged: [string, unknown][] }> = {
  time: {
    taken: [
      ['the earliest instant', earliest],
      ['the latest instant', latest],
    ],
    forged: [
      ['a time a Date cannot hold (Invalid Date)', latest + 1],
      ['a time before PostgreSQL timestamptz begins', -8.64e15],
    ],
  },
  text: {
    taken: [
      ['text beyond ASCII', 'ユーザー ✓'],
      ['empty text', ''],
    ],
    forged: [['text PostgreSQL cannot hold', 'key\u0000']],
  },
  int4: {
    taken: [['the largest int', 2 ** 31 - 1]],
    forged: [
      ['an int beyond int4', 2 ** 31],
      ['an int below int4', -(2 ** 31) - 1],
    ],
  },
  real: {
    taken: [['the largest real', 3.4e38]],
    forged: [
      ['a number beyond real', 1e39],
      ['a number real rounds to zero', 1e-300],
    ],
  },
  serial: {
    taken: [['the largest exact serial', 2 ** 53 - 1]],
    forged: [
      ['a serial beyond what a number holds exactly', 2 ** 53],
      ['a negative serial', -1],
      ['a fractional serial', 1.5],
    ],
  },
};

export interface CursorsSuite<Fields extends Record<string, CursorKind>> {
  /** The route the cursor pages, for the tests' names. */
  name: string;
  cursor: KeysetCursor<Fields>;
  /** A position the route could have written; the forged and edge positions change one key of it at a time. */
  sample: CursorOf<Fields>;
  /** The route's URL, given a cursor. */
  url: (cursor: string) => string;
}

/**
 * A read API's keyset cursor, from the kinds of its sort keys: positions at the edges of each key's type read
 * back and are taken by the route; a forged one is refused with 400 INLET_CURSOR_INVALID by the codec and by the
 * route, never a 500 from the query it would reach.
 */
export function describeCursors<Fields extends Record<string, CursorKind>>(
  service: ServiceUnderTest & Parameters<typeof startReadApi>[0],
  { name, cursor, sample, url }: CursorsSuite<Fields>,
) {
  const keys = Object.keys(cursor.fields) as (keyof Fields & string)[];
  const wire = (position: CursorOf<Fields>) =>
    keys.map((key) => (position[key] instanceof Date ? (position[key] as Date).getTime() : position[key]));
  /** The sample with one key replaced, as a cursor text. */
  const withKey = (key: string, value: unknown) =>
    cursorOf(wire(sample).map((original, i) => (keys[i] === key ? value : original)));
  const cases = (which: 'taken' | 'forged') =>
    keys.flatMap((key) =>
      edges[cursor.fields[key]!][which].map(
        ([what, value]) => [`${key}: ${what}`, withKey(key, value)] as const,
      ),
    );

  describe(`${service.name}: the cursor of ${name}`, () => {
    let api: ReadApiUnderTest;
    beforeAll(async () => {
      api = await startReadApi(service);
    });
    afterAll(async () => {
      await api?.close();
    });

    it('reads back the positions it writes, up to the edges of the types', () => {
      for (const [, text] of [['sample', cursor.encode(sample)], ...cases('taken')] as const) {
        expect(cursor.encode(cursor.decode(text))).toBe(text);
      }
    });

    it.each(cases('forged'))('refuses %s with 400 INLET_CURSOR_INVALID', (_, text) => {
      expect(() => cursor.decode(text)).toThrow(
        expect.objectContaining({
          code: 'INLET_CURSOR_INVALID',
          statusCode: 400,
          field: '/querystring/cursor',
        }),
      );
    });

    it.each(cases('forged'))('the route answers 400, not 500, for %s', async (_, text) => {
      expectCursorRefused(await api.get(url(text)));
    });

    // Taken: not refused, and no query failed on it (a route may still answer 404 for what the URL names).
    it.each(cases('taken'))('the route takes %s', async (_, text) => {
      const response = await api.get(url(text));
      expect([200, 404], response.body).toContain(response.statusCode);
      expect(response.json()).not.toMatchObject({ code: 'INLET_CURSOR_INVALID' });
    });
  });
}
