import { Type, type Static, type TInteger, type TNumber, type TString, type TUnsafe } from 'typebox';
import { problemSchema, type Problem } from './problem.js';

/**
 * Building blocks of the read APIs' JSON schemas, written with TypeBox so that each answer's TypeScript type is
 * derived from the schema Fastify validates and serializes with (Static<typeof Schema>), never kept beside it.
 */

/** A value that may be null: written as `type: [t, 'null']`, the cheapest form for Fastify's serializer. */
export function Nullable<T extends TString | TNumber | TInteger>(schema: T): TUnsafe<Static<T> | null> {
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'] });
}

/**
 * Ids are opaque text from the senders; the bound keeps a typo from becoming a 1 MB query, and the pattern
 * refuses U+0000, which PostgreSQL text cannot hold (it would fail the query instead of matching nothing).
 */
export const IdText = (maxLength = 255) => Type.String({ minLength: 1, maxLength, pattern: '^[^\\u0000]*$' });

/** A moment as ISO 8601 text (Date#toISOString). */
export const Timestamp = Type.String({ format: 'date-time' });

/** The problem+json answer of every refusal (RFC 9457). */
export const ProblemResponse = Type.Unsafe<Problem>(problemSchema);

/** The opaque keyset cursor a page hands back (keyset-cursor.ts); bounded like any text a client sends. */
export const CursorText = Type.String({ minLength: 1, maxLength: 1024 });
