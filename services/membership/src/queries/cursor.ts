import { decodeCursor as decode, encodeCursor as encode, isCursorText } from '@inlet/service-kit';

// Where a page ended: the last row's key within the list (the user id in a roster, the course id in a user's
// list).

const isPosition = (position: readonly unknown[]): position is [lastKey: string] =>
  position.length === 1 && isCursorText(position[0]);

export function encodeCursor(lastKey: string): string {
  return encode([lastKey]);
}

/** 400 INLET_CURSOR_INVALID for anything but a position this API wrote. */
export function decodeCursor(text: string): string {
  return decode(text, isPosition)[0];
}
