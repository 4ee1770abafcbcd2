/**
 * Schema pieces shared by the sender formats, in TypeBox: each is a plain JSON Schema and its TypeScript type is
 * `Static<>` of it. Each `description` words the error when its pattern fails. The `optional…` pieces may be
 * absent or null.
 */
import Type, { type Static, type TSchema, type TUnsafe } from 'typebox';

/**
 * `schema` or null, as one JSON Schema `type` list (`['string', 'null']`) rather than an anyOf, so a wrong value
 * is reported as "must be string or null" and not as the first branch's error.
 */
export function nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const keywords: { type?: unknown } = { ...schema };
  return Type.Unsafe<Static<T> | null>({ ...keywords, type: [keywords.type, 'null'].flat() });
}

/** A property that may be absent or null. */
export function optional<T extends TSchema>(schema: T) {
  return Type.Optional(nullable(schema));
}

export const nonEmptyString = Type.String({ minLength: 1 });
export const optionalString = optional(Type.String());
export const optionalNonEmptyString = optional(nonEmptyString);
export const optionalNumber = optional(Type.Number());
export const isoDateTime = Type.String({ format: 'date-time' });
export const absoluteUri = Type.String({ format: 'uri' });
/** Any JSON object; what it holds is not checked. */
export const freeFormObject = Type.Unsafe<Record<string, unknown>>({ type: 'object' });

/**
 * Canvas and Moodle ids: strings as given (Canvas global ids exceed 2^53, so they must stay strings) or integers
 * small enough to be exact.
 */
export const nativeId = Type.Unsafe<string | number>({
  type: ['string', 'integer'],
  minLength: 1,
  minimum: 0,
  maximum: Number.MAX_SAFE_INTEGER,
});
export const optionalNativeId = optional(nativeId);

/** Moodle ids are database integers; they arrive as numbers or numeric strings. */
export const moodleId = Type.Unsafe<string | number>({
  type: ['string', 'integer'],
  pattern: '^[0-9]+$',
  minimum: 0,
  maximum: Number.MAX_SAFE_INTEGER,
  description: 'a numeric id',
});
export const optionalMoodleId = optional(moodleId);

/**
 * Money is an integer count of the currency's minor unit (cents); fractions are refused, never rounded, and so
 * are counts beyond an exact JavaScript integer (the event's Avro long could not carry them).
 */
export const minorUnits = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
export const optionalMinorUnits = optional(minorUnits);

/** The largest Avro int: counts such as an attempt number travel as one. */
export const maxAvroInt = 2_147_483_647;

/** ISO 4217 alphabetic code; generic senders may write it in upper case, Stripe sends lower case. */
export const currencyCode = Type.String({
  pattern: '^[A-Za-z]{3}$',
  description: 'a three-letter ISO 4217 currency code',
});

/** Sender event names are echoed in error messages, so only this safe alphabet is accepted. */
export const eventName = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[a-z0-9_.]+$',
  description: 'an event name of lower-case letters, digits, dots and underscores',
});
