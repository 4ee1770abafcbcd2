import { MediaError } from '../errors.js';

// Cursors are opaque to clients (base64url JSON of a list's position), so the ordering behind them can
// change without breaking anyone. Each list decodes its own shape and refuses anything else.

export function encodeCursor(position: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position a cursor holds when `isShape` accepts it; 400 INLET_CURSOR_INVALID otherwise. */
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
  if (Array.isArray(parsed) && isShape(parsed)) return parsed;
  throw new MediaError(
    'INLET_CURSOR_INVALID',
    400,
    'cursor is not one this API returned; start again without it',
    '/querystring/cursor',
  );
}
