import { GradesError } from '../errors.js';

/** Where a page of the gradebook ended: the last row's (last_event_at, resource_link_id). */
export interface GradeCursor {
  lastEventAt: Date;
  resourceLinkId: string;
}

/**
 * Cursors are opaque to clients (base64url JSON), so the ordering behind them can change without breaking
 * anyone. The times are whole milliseconds (they come from events' occurredAt), which a Date carries exactly.
 */
export function encodeCursor(cursor: GradeCursor): string {
  return Buffer.from(JSON.stringify([cursor.lastEventAt.getTime(), cursor.resourceLinkId])).toString(
    'base64url',
  );
}

export function decodeCursor(text: string): GradeCursor {
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
    return { lastEventAt: new Date(parsed[0] as number), resourceLinkId: parsed[1] };
  }
  throw new GradesError(
    'INLET_CURSOR_INVALID',
    400,
    'cursor is not one this API returned; start again without it',
    '/querystring/cursor',
  );
}
