import {
  Type,
  type Static,
  type TInteger,
  type TNumber,
  type TSchema,
  type TString,
  type TUnsafe,
} from 'typebox';
import { problemSchema, type Problem } from './problem.js';

/**
 * Building blocks of the read APIs' JSON schemas, written with TypeBox so that each answer's TypeScript type is
 * derived from the schema Fastify validates and serializes with (Static<typeof Schema>), never kept beside it.
 */

/** A value that may be null: written as `type: [t, 'null']`, the cheapest form for Fastify's serializer. */
export function Nullable<T extends TString | TNumber | TInteger | typeof Timestamp>(
  schema: T,
): TUnsafe<Static<T> | null> {
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [(schema as { type: string }).type, 'null'] });
}

/**
 * Ids are opaque text from the senders; the bound keeps a typo from becoming a 1 MB query, and the pattern
 * refuses U+0000, which PostgreSQL text cannot hold (it would fail the query instead of matching nothing).
 */
export const IdText = (maxLength = 255) => Type.String({ minLength: 1, maxLength, pattern: '^[^\\u0000]*$' });

/**
 * A moment, answered as ISO 8601 text (2026-03-01T10:00:00.000Z). Handlers answer the Date PostgreSQL reads
 * (timestamptz) and Fastify's serializer writes it as that text, hence the TypeScript type.
 */
export const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });

/** The problem+json answer of every refusal (RFC 9457). */
export const ProblemResponse = Type.Unsafe<Problem>(problemSchema);

/** The opaque keyset cursor a page hands back (keyset-cursor.ts); bounded like any text a client sends. */
export const CursorText = Type.String({ minLength: 1, maxLength: 1024 });

/**
 * The paging a list's query string takes: how many items (1 to `maxPageSize`) and where to start (a cursor
 * the previous page handed back). Spread last into the list's Type.Object, after its filters.
 */
export function pageQueryFields(maxPageSize: number, defaultPageSize: number) {
  return {
    limit: Type.Integer({ minimum: 1, maximum: maxPageSize, default: defaultPageSize }),
    cursor: Type.Optional(CursorText),
  };
}

/**
 * The fields of a page of `item`s: the items, then the cursor to pass for the next page (null on the last
 * page). Spread into a Type.Object that answers more than the page; Page(item) when it answers only that.
 */
export function pageFields<Item extends TSchema>(item: Item) {
  return { items: Type.Array(item), nextCursor: Nullable(Type.String()) };
}

/** A page of `item`s and nothing else (keyset-page.ts builds the answer). */
export const Page = <Item extends TSchema>(item: Item) => Type.Object(pageFields(item));

/**
 * The newest event a projection row reflects, last in its answer's fields (lastEventColumns in
 * sql/select-list.ts selects them from the row's columns).
 */
export const lastEventFields = {
  lastEventId: Type.String(),
  lastEventType: Type.String(),
  /** The newest applied event's occurredAt. */
  lastEventAt: Timestamp,
  updatedAt: Timestamp,
};
