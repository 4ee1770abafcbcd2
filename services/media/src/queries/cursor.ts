import { MediaError } from '../errors.js';

// Cursors are opaque to clients (base64url JSON of a list's position), so the ordering behind them can
// change without breaking anyone. Each list decodes its own shape and refuses anything else.

export function encodeCursor(position: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** An integer PostgreSQL's int4 holds: what `::int` and integer columns take. */
export const isInt4 = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= -2_147_483_648 && (value as number) <= 2_147_483_647;

/** A finite number `::real` takes without overflowing or underflowing to zero (rounded to a float4). */
export const isReal = (value: unknown): value is number =>
  typeof value === 'number' &&
  Number.isFinite(value) &&
  Number.isFinite(Math.fround(value)) &&
  (value === 0 || Math.fround(value) !== 0) &&
  Math.abs(value) <= 3.4e38;

/** PostgreSQL text cannot hold U+0000: a position carrying one is not one this API wrote. */
const holdsNul = (position: unknown[]): boolean =>
  position.some((value) => typeof value === 'string' && value.includes('\u0000'));

/**
 * The position a cursor holds when `isShape` accepts it; 400 INLET_CURSOR_INVALID otherwise. A cursor is
 * client input like any other: each shape checks its values against what its query casts them to.
 */
export function decodeCursor<T extends unknown[]>(
  text: string,
  isShape: (value: unknown[]) => value is T,
): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && !holdsNul(parsed) && isShape(parsed)) return parsed;
  throw new MediaError(
    'INLET_CURSOR_INVALID',
    400,
    'cursor is not one this API returned; start again without it',
    '/querystring/cursor',
  );
}
