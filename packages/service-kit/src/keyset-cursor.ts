import { HttpError } from './problem.js';

/**
 * Keyset pagination cursors, as every read API writes them: base64url JSON of the position where a page ended
 * (the last row's sort key). Opaque to clients, so the ordering behind them can change without breaking anyone.
 * A cursor is client input like any other: each API's guard checks every value against what its query casts it
 * to, so a tampered cursor is a 400 here, never an Invalid Date or an out-of-range error from PostgreSQL.
 */

export function encodeCursor(position: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position a cursor holds when `isPosition` accepts it; 400 INLET_CURSOR_INVALID otherwise. */
export function decodeCursor<T extends readonly unknown[]>(
  text: string,
  isPosition: (position: readonly unknown[]) => position is T,
): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && isPosition(parsed)) return parsed;
  throw new HttpError(
    'INLET_CURSOR_INVALID',
    400,
    'cursor is not one this API returned; start again without it',
    '/querystring/cursor',
  );
}

// The instants both a Date and PostgreSQL's timestamptz hold. PostgreSQL's earliest is 4714-11-24 BC (year
// -4713); a day of margin covers the local-time offset pg writes dates with. Its latest is beyond Date's.
const earliestMs = Date.UTC(-4713, 10, 25);
const latestMs = 8.64e15;

/** Whole milliseconds that a Date and a timestamptz both hold (positions carry events' times). */
export const isCursorTime = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= earliestMs && (value as number) <= latestMs;

/** Any key a text column can hold: PostgreSQL text cannot hold U+0000, so no stored key has one. */
export const isCursorText = (value: unknown): value is string =>
  typeof value === 'string' && !value.includes('\u0000');

/** An integer PostgreSQL's int4 holds: what `::int` and integer columns take. */
export const isCursorInt4 = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= -2_147_483_648 && (value as number) <= 2_147_483_647;

/** A positive integer a bigint holds exactly (ids from sequences). */
export const isCursorSerial = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) > 0;

/** A finite number `::real` takes without overflowing or underflowing to zero (rounded to a float4). */
export const isCursorReal = (value: unknown): value is number =>
  typeof value === 'number' &&
  Number.isFinite(value) &&
  Number.isFinite(Math.fround(value)) &&
  (value === 0 || Math.fround(value) !== 0) &&
  Math.abs(value) <= 3.4e38;

/** What each kind of sort key is in a query's hands, and the guard its encoded value must pass. */
interface CursorKinds {
  time: Date;
  text: string;
  int4: number;
  real: number;
  serial: number;
}
export type CursorKind = keyof CursorKinds;

const guards: Record<CursorKind, (value: unknown) => boolean> = {
  time: isCursorTime,
  text: isCursorText,
  int4: isCursorInt4,
  real: isCursorReal,
  serial: isCursorSerial,
};

export type CursorOf<Fields extends Record<string, CursorKind>> = {
  [K in keyof Fields]: CursorKinds[Fields[K]];
};

/** A position to encode: a time may also be given as the answer's Timestamp holds it (Date or ISO text). */
export type CursorInput<Fields extends Record<string, CursorKind>> = {
  [K in keyof Fields]: (Omit<CursorKinds, 'time'> & { time: Date | string })[Fields[K]];
};

export interface KeysetCursor<Fields extends Record<string, CursorKind>> {
  /** The sort keys in order, with their kinds, as declared. */
  fields: Fields;
  encode(cursor: CursorInput<Fields>): string;
  /** 400 INLET_CURSOR_INVALID for anything but a position this API wrote. */
  decode(text: string): CursorOf<Fields>;
  /** Where a page starts: the decoded `cursor` of a request, undefined for the first page (no cursor). */
  after(cursor: string | undefined): CursorOf<Fields> | undefined;
}

/**
 * The cursor of one ordering, declared by its sort keys in order: keysetCursor({ lastEventAt: 'time',
 * resourceLinkId: 'text' }). Times travel as whole epoch milliseconds (events' times are), which a Date
 * carries exactly.
 */
export function keysetCursor<Fields extends Record<string, CursorKind>>(
  fields: Fields,
): KeysetCursor<Fields> {
  const keys = Object.keys(fields) as (keyof Fields & string)[];
  const isPosition = (position: readonly unknown[]): position is unknown[] =>
    position.length === keys.length && keys.every((key, i) => guards[fields[key]!](position[i]));
  return {
    fields,
    encode: (cursor) =>
      encodeCursor(
        keys.map((key) =>
          fields[key] === 'time' ? new Date(cursor[key] as Date | string).getTime() : cursor[key],
        ),
      ),
    decode,
    after: (cursor) => (cursor === undefined ? undefined : decode(cursor)),
  };

  function decode(text: string): CursorOf<Fields> {
    const position = decodeCursor(text, isPosition);
    return Object.fromEntries(
      keys.map((key, i) => [key, fields[key] === 'time' ? new Date(position[i] as number) : position[i]]),
    ) as CursorOf<Fields>;
  }
}
