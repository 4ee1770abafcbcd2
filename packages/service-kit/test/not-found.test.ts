import { describe, expect, it } from 'vitest';
import { notFound, visibleOr404 } from '../src/not-found.js';
import { HttpError } from '../src/problem.js';

function thrownBy(run: () => unknown): HttpError {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

describe('notFound', () => {
  it('throws 404 with the code and detail', () => {
    const error = thrownBy(() => notFound('INLET_ITEM_NOT_FOUND', 'no item with this id'));
    expect({ code: error.code, status: error.statusCode, detail: error.message }).toEqual({
      code: 'INLET_ITEM_NOT_FOUND',
      status: 404,
      detail: 'no item with this id',
    });
  });
});

describe('visibleOr404', () => {
  const live = { id: 'a', deleted: false, lastEventAt: '2026-12-01T10:00:00.000Z' };
  const tombstone = { id: 'b', deleted: true, lastEventAt: '2026-12-02T10:00:00.000Z' };

  it('answers a live row whether or not tombstones were asked for', () => {
    expect(visibleOr404(live, false, 'INLET_ITEM_NOT_FOUND', 'the item')).toBe(live);
    expect(visibleOr404(live, true, 'INLET_ITEM_NOT_FOUND', 'the item')).toBe(live);
  });

  it('answers a tombstone to a caller that asked for tombstones', () => {
    expect(visibleOr404(tombstone, true, 'INLET_ITEM_NOT_FOUND', 'the item')).toBe(tombstone);
  });

  it('answers 404 for a tombstone otherwise, saying when it was deleted', () => {
    const error = thrownBy(() => visibleOr404(tombstone, false, 'INLET_ITEM_NOT_FOUND', 'the item'));
    expect({ code: error.code, status: error.statusCode, detail: error.message }).toEqual({
      code: 'INLET_ITEM_NOT_FOUND',
      status: 404,
      detail: 'the item was deleted at 2026-12-02T10:00:00.000Z (includeDeleted=true shows the tombstone)',
    });
  });
});
