// JSON schemas of the read API's answers. Fastify serializes with them, so a field not listed here never
// leaves the service, and the types of the queries (queries/*.ts) and these stay side by side in review.

const nullable = (type: 'string' | 'number' | 'integer') => ({ type: [type, 'null'] }) as const;

/**
 * Ids are opaque text from the senders; the bound keeps a typo from becoming a 1 MB query, and the pattern
 * refuses U+0000, which PostgreSQL text cannot hold (it would fail the query instead of matching nothing).
 */
export const idSchema = { type: 'string', minLength: 1, maxLength: 255, pattern: '^[^\\u0000]*$' } as const;

/**
 * Behavior elements are whatever the sender names them (a CSS selector, "lesson:photosynthesis" ...), save
 * U+0000, which PostgreSQL text cannot hold.
 */
export const elementSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 1024,
  pattern: '^[^\\u0000]*$',
} as const;

/**
 * A UTC calendar day; ajv's "date" format also refuses days a month does not have. The pattern refuses the
 * year 0000, which the format allows and PostgreSQL's date (1 BC comes before 1 AD) does not.
 */
export const daySchema = { type: 'string', format: 'date', pattern: '^(?!0000-)' } as const;

/** Search text: anything with a character that is not whitespace, save U+0000 (see idSchema). */
export const searchTextSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 500,
  pattern: '^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$',
} as const;

export { problemSchema } from '@inlet/service-kit';

const itemProperties = {
  contentId: { type: 'string' },
  contextId: nullable('string'),
  contentType: nullable('string'),
  title: nullable('string'),
  url: nullable('string'),
  resourceLinkId: nullable('string'),
  deleted: { type: 'boolean' },
  source: { type: 'string' },
  lastEventId: { type: 'string' },
  lastEventType: { type: 'string' },
  lastEventAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
} as const;

// Every field, always present (null when unknown): clients never test for a missing key, and the serializer
// writes them in this order.
export const contentItemSchema = {
  type: 'object',
  required: Object.keys(itemProperties),
  properties: itemProperties,
} as const;

export const contentDetailSchema = {
  type: 'object',
  required: [...Object.keys(itemProperties), 'body', 'bodyText'],
  properties: { ...itemProperties, body: nullable('string'), bodyText: nullable('string') },
} as const;

const hitProperties = {
  contentId: { type: 'string' },
  contextId: nullable('string'),
  contentType: nullable('string'),
  title: nullable('string'),
  url: nullable('string'),
  resourceLinkId: nullable('string'),
  lastEventAt: { type: 'string', format: 'date-time' },
  rank: { type: 'number' },
  titleHighlight: nullable('string'),
  snippet: nullable('string'),
} as const;

export const searchResultsSchema = {
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      items: { type: 'object', required: Object.keys(hitProperties), properties: hitProperties },
    },
  },
} as const;

export const deepLinkSchema = {
  type: 'object',
  required: [
    'linkId',
    'resourceType',
    'contextId',
    'createdBy',
    'configuration',
    'source',
    'createdAt',
    'eventId',
  ],
  properties: {
    linkId: { type: 'string' },
    resourceType: { type: 'string', enum: ['assessment', 'content', 'activity'] },
    contextId: { type: 'string' },
    createdBy: { type: 'string' },
    // The sender's object, whatever its keys.
    configuration: { type: 'object', additionalProperties: true },
    source: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    eventId: { type: 'string' },
  },
} as const;

const countsProperties = {
  views: { type: 'integer' },
  clicks: { type: 'integer' },
  interactions: { type: 'integer' },
} as const;

/** The answer of both engagement routes; `element` or `userId` names whose counters they are. */
export const engagementSchema = (keyName: 'element' | 'userId') =>
  ({
    type: 'object',
    required: [keyName, 'from', 'to', 'days', 'totals'],
    properties: {
      [keyName]: { type: 'string' },
      from: nullable('string'),
      to: nullable('string'),
      days: {
        type: 'array',
        items: {
          type: 'object',
          required: ['day', ...Object.keys(countsProperties)],
          properties: { day: { type: 'string' }, ...countsProperties },
        },
      },
      totals: { type: 'object', required: Object.keys(countsProperties), properties: countsProperties },
    },
  }) as const;
