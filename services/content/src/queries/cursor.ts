import {
  decodeCursor as decode,
  encodeCursor as encode,
  isCursorText,
  isCursorTime,
} from '@inlet/service-kit';

/** Where a page of a course's catalog ended: the last row's (last_event_at, content_id). */
export interface CatalogCursor {
  lastEventAt: Date;
  contentId: string;
}

type Position = [lastEventAtMs: number, contentId: string];

const isPosition = (position: readonly unknown[]): position is Position =>
  position.length === 2 && isCursorTime(position[0]) && isCursorText(position[1]);

/** The times are whole milliseconds (they come from events' occurredAt), which a Date carries exactly. */
export function encodeCursor(cursor: CatalogCursor): string {
  return encode([cursor.lastEventAt.getTime(), cursor.contentId]);
}

/** 400 INLET_CURSOR_INVALID for anything but a position this API wrote. */
export function decodeCursor(text: string): CatalogCursor {
  const [lastEventAtMs, contentId] = decode(text, isPosition);
  return { lastEventAt: new Date(lastEventAtMs), contentId };
}
