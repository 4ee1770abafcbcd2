import { ContentError } from '../errors.js';

/** Where a page of a course's catalog ended: the last row's (last_event_at, content_id). */
export interface CatalogCursor {
  lastEventAt: Date;
  contentId: string;
}

/**
 * Cursors are opaque to clients (base64url JSON), so the ordering behind them can change without breaking
 * anyone. The times are whole milliseconds (they come from events' occurredAt), which a Date carries exactly.
 */
export function encodeCursor(cursor: CatalogCursor): string {
  return Buffer.from(JSON.stringify([cursor.lastEventAt.getTime(), cursor.contentId])).toString('base64url');
}

export function decodeCursor(text: string): CatalogCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    Number.isSafeInteger(parsed[0]) &&
    typeof parsed[1] === 'string'
  ) {
    return { lastEventAt: new Date(parsed[0] as number), contentId: parsed[1] };
  }
  throw new ContentError(
    'INLET_CURSOR_INVALID',
    400,
    'cursor is not one this API returned; start again without it',
    '/querystring/cursor',
  );
}
