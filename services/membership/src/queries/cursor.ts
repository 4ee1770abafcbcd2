import { MembershipError } from '../errors.js';

/**
 * Where a page ended: the last row's key within the list (the user id in a roster, the course id in a
 * user's list). Cursors are opaque to clients (base64url JSON), so the ordering behind them can change
 * without breaking anyone.
 */
export function encodeCursor(lastKey: string): string {
  return Buffer.from(JSON.stringify([lastKey])).toString('base64url');
}

/**
 * A cursor is client input like any other: its key is compared with text columns, which cannot hold U+0000,
 * so a tampered one is a 400 here rather than an encoding error from PostgreSQL.
 */
export function decodeCursor(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 1 &&
    typeof parsed[0] === 'string' &&
    !parsed[0].includes('\u0000')
  ) {
    return parsed[0];
  }
  throw new MembershipError(
    'INLET_CURSOR_INVALID',
    400,
    'cursor is not one this API returned; start again without it',
    '/querystring/cursor',
  );
}
