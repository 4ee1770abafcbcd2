import {
  decodeCursor as decode,
  encodeCursor as encode,
  isCursorText,
  isCursorTime,
} from '@inlet/service-kit';

/** Where a page of the gradebook ended: the last row's (last_event_at, resource_link_id). */
export interface GradeCursor {
  lastEventAt: Date;
  resourceLinkId: string;
}

type Position = [lastEventAtMs: number, resourceLinkId: string];

const isPosition = (position: readonly unknown[]): position is Position =>
  position.length === 2 && isCursorTime(position[0]) && isCursorText(position[1]);

/** The times are whole milliseconds (they come from events' occurredAt), which a Date carries exactly. */
export function encodeCursor(cursor: GradeCursor): string {
  return encode([cursor.lastEventAt.getTime(), cursor.resourceLinkId]);
}

/** 400 INLET_CURSOR_INVALID for anything but a position this API wrote. */
export function decodeCursor(text: string): GradeCursor {
  const [lastEventAtMs, resourceLinkId] = decode(text, isPosition);
  return { lastEventAt: new Date(lastEventAtMs), resourceLinkId };
}
