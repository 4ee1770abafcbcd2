import { describe, expect, it } from 'vitest';
import { keysetPage } from '../src/keyset-page.js';

// Rows as a list query reads them: asked for one more than the page holds.
const rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
const cursorAfter = (last: { id: number }) => `after-${last.id}`;

describe('keysetPage', () => {
  it('serves `limit` items and a cursor from the last one served when the extra row came back', () => {
    expect(keysetPage(rows, 2, cursorAfter)).toEqual({
      items: [{ id: 1 }, { id: 2 }],
      nextCursor: 'after-2',
    });
  });

  it('ends the list (null cursor) when no row beyond the page came back', () => {
    expect(keysetPage(rows, 3, cursorAfter)).toEqual({ items: rows, nextCursor: null });
    expect(keysetPage(rows.slice(0, 1), 2, cursorAfter)).toEqual({ items: [{ id: 1 }], nextCursor: null });
  });

  it('answers an empty page with no cursor', () => {
    expect(keysetPage([], 5, cursorAfter)).toEqual({ items: [], nextCursor: null });
  });
});
