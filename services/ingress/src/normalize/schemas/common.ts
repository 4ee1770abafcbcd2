/** Schema pieces shared by the sender formats. Each `description` words the error when its pattern fails. */

export const nonEmptyString = { type: 'string', minLength: 1 } as const;
export const optionalString = { type: ['string', 'null'] } as const;
export const optionalNonEmptyString = { type: ['string', 'null'], minLength: 1 } as const;
export const optionalNumber = { type: ['number', 'null'] } as const;
export const isoDateTime = { type: 'string', format: 'date-time' } as const;
export const absoluteUri = { type: 'string', format: 'uri' } as const;
export const freeFormObject = { type: 'object' } as const;

/**
 * Canvas and Moodle ids: strings as given (Canvas global ids exceed 2^53, so they must stay strings) or integers
 * small enough to be exact.
 */
export const nativeId = {
  type: ['string', 'integer'],
  minLength: 1,
  minimum: 0,
  maximum: Number.MAX_SAFE_INTEGER,
} as const;
export const optionalNativeId = { ...nativeId, type: ['string', 'integer', 'null'] } as const;

/** Moodle ids are database integers; they arrive as numbers or numeric strings. */
export const moodleId = {
  type: ['string', 'integer'],
  pattern: '^[0-9]+$',
  minimum: 0,
  maximum: Number.MAX_SAFE_INTEGER,
  description: 'a numeric id',
} as const;
export const optionalMoodleId = { ...moodleId, type: ['string', 'integer', 'null'] } as const;

/**
 * Money is an integer count of the currency's minor unit (cents); fractions are refused, never rounded, and so
 * are counts beyond an exact JavaScript integer (the event's Avro long could not carry them).
 */
export const minorUnits = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
export const optionalMinorUnits = { ...minorUnits, type: ['integer', 'null'] } as const;

/** The largest Avro int: counts such as an attempt number travel as one. */
export const maxAvroInt = 2_147_483_647;

/** ISO 4217 alphabetic code; generic senders may write it in upper case, Stripe sends lower case. */
export const currencyCode = {
  type: 'string',
  pattern: '^[A-Za-z]{3}$',
  description: 'a three-letter ISO 4217 currency code',
} as const;

/** Sender event names are echoed in error messages, so only this safe alphabet is accepted. */
export const eventName = {
  type: 'string',
  minLength: 1,
  maxLength: 100,
  pattern: '^[a-z0-9_.]+$',
  description: 'an event name of lower-case letters, digits, dots and underscores',
} as const;
