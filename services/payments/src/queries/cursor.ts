import { PaymentsError } from '../errors.js';

/**
 * Cursors are opaque to clients (base64url JSON of where the last page ended), so the ordering behind them
 * can change without breaking anyone. Each list has its own position type and a guard that checks one.
 */
export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** PostgreSQL text cannot hold U+0000: a position carrying one is not one this API wrote. */
const holdsNul = (parsed: unknown): boolean =>
  Array.isArray(parsed) && parsed.some((value) => typeof value === 'string' && value.includes('\u0000'));

/**
 * A cursor is client input like any other: the list's guard checks each value against what its query casts it
 * to (a bigint, a text), so a tampered one is a 400 here rather than an error from PostgreSQL.
 */
export function decodeCursor<T extends readonly unknown[]>(
  text: string,
  isPosition: (parsed: unknown) => parsed is T,
): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!holdsNul(parsed) && isPosition(parsed)) return parsed;
  throw new PaymentsError(
    'INLET_CURSOR_INVALID',
    400,
    'cursor is not one this API returned; start again without it',
    '/querystring/cursor',
  );
}
