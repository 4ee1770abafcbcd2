import { GradesError } from '../errors.js';

/** Where a page of the gradebook ended: the last row's (last_event_at, resource_link_id). */
export interface GradeCursor {
  lastEventAt: Date;
  resourceLinkId: string;
}

// The instants both a Date and PostgreSQL's timestamptz hold. PostgreSQL's earliest is 4714-11-24 BC (year
// -4713); a day of margin covers the local-time offset pg writes dates with. Its latest is beyond Date's.
const earliestMs = Date.UTC(-4713, 10, 25);
const latestMs = 8.64e15;

/** Any id a row can hold: PostgreSQL text cannot hold U+0000, so no stored key has one. */
const isKeyText = (value: unknown): value is string => typeof value === 'string' && !value.includes('\u0000');

const isCursorTime = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= earliestMs && (value as number) <= latestMs;

/**
 * Cursors are opaque to clients (base64url JSON), so the ordering behind them can change without breaking
 * anyone. The times are whole milliseconds (they come from events' occurredAt), which a Date carries exactly.
 */
export function encodeCursor(cursor: GradeCursor): string {
  return Buffer.from(JSON.stringify([cursor.lastEventAt.getTime(), cursor.resourceLinkId])).toString(
    'base64url',
  );
}

/**
 * A cursor is client input like any other: every value in it is checked against what the query casts it to,
 * so a tampered one is a 400 here rather than an Invalid Date or an out-of-range error from PostgreSQL.
 */
export function decodeCursor(text: string): GradeCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 2 && isCursorTime(parsed[0]) && isKeyText(parsed[1])) {
    return { lastEventAt: new Date(parsed[0]), resourceLinkId: parsed[1] };
  }
  throw new GradesError(
    'INLET_CURSOR_INVALID',
    400,
    'cursor is not one this API returned; start again without it',
    '/querystring/cursor',
  );
}
