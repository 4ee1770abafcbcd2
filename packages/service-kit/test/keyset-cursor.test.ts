import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  isCursorInt4,
  isCursorReal,
  isCursorSerial,
  isCursorText,
  isCursorTime,
  keysetCursor,
} from '../src/keyset-cursor.js';

const isTimeAndKey = (position: readonly unknown[]): position is [number, string] =>
  position.length === 2 && isCursorTime(position[0]) && isCursorText(position[1]);
const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('keyset cursors', () => {
  it('round-trips a position', () => {
    const position: [number, string] = [Date.UTC(2026, 11, 3), 'quiz/7'];
    expect(decodeCursor(encodeCursor(position), isTimeAndKey)).toEqual(position);
  });

  it.each([
    ['not base64url JSON', '!!!'],
    ['JSON that is not an array', forged({ at: 1 })],
    ['the wrong length', forged([1])],
    ['a time beyond Date', forged([8.64e15 + 1, 'k'])],
    ['a time before PostgreSQL', forged([Date.UTC(-4714, 0, 1), 'k'])],
    ['a fractional time', forged([1.5, 'k'])],
    ['a key PostgreSQL text cannot hold', forged([0, 'a\u0000'])],
  ])('refuses %s with 400 INLET_CURSOR_INVALID on the cursor parameter', (_case, text) => {
    expect(() => decodeCursor(text, isTimeAndKey)).toThrow(
      expect.objectContaining({
        code: 'INLET_CURSOR_INVALID',
        statusCode: 400,
        field: '/querystring/cursor',
      }),
    );
  });

  it('checks each value against the SQL type it is cast to', () => {
    expect([2_147_483_647, -2_147_483_648].every(isCursorInt4)).toBe(true);
    expect([2_147_483_648, 1.5, '1'].some(isCursorInt4)).toBe(false);
    expect([1, 2 ** 53 - 1].every(isCursorSerial)).toBe(true);
    expect([0, -1, 2 ** 53].some(isCursorSerial)).toBe(false);
    expect([0, 0.5, 3.4e38].every(isCursorReal)).toBe(true);
    // Overflows real, underflows to zero as real, not a number at all.
    expect([1e39, 1e-300, Number.NaN, Infinity].some(isCursorReal)).toBe(false);
  });

  it('keysetCursor encodes an answer row (time as Date or ISO text) and after() decodes what a page starts at', () => {
    const cursor = keysetCursor({ lastEventAt: 'time', resourceLinkId: 'text' });
    const at = new Date('2026-12-01T10:00:00.123Z');
    const fromDate = cursor.encode({ lastEventAt: at, resourceLinkId: 'quiz/7' });
    expect(cursor.encode({ lastEventAt: at.toISOString(), resourceLinkId: 'quiz/7' })).toBe(fromDate);
    expect(cursor.after(fromDate)).toEqual({ lastEventAt: at, resourceLinkId: 'quiz/7' });
    expect(cursor.after(undefined)).toBeUndefined();
    expect(() => cursor.after(forged([at.getTime()]))).toThrow(
      expect.objectContaining({ code: 'INLET_CURSOR_INVALID' }),
    );
  });
});
