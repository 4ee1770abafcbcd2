// JSON schemas of the read API's questions and answers. Fastify serializes with them, so a field not listed
// here never leaves the service, and the types of the queries (queries/*.ts) and these stay side by side in
// review.
import { maxIdLength } from '../roster/limits.js';
import { normalizedRoles } from '../roster/roles.js';
import { memberStatuses } from '../roster/statuses.js';

const nullable = (type: 'string') => ({ type: [type, 'null'] }) as const;

/**
 * Ids are opaque text from the senders; the bound keeps a typo from becoming a 1 MB query, and the pattern
 * refuses U+0000, which PostgreSQL text cannot hold (it would fail the query instead of matching nothing).
 */
export const idSchema = {
  type: 'string',
  minLength: 1,
  maxLength: maxIdLength,
  pattern: '^[^\\u0000]*$',
} as const;

export { problemSchema } from '@inlet/service-kit';

export const maxPageSize = 200;

/**
 * The filters and paging every list takes. `status` and `role` repeat for "any of" (`status=active&
 * status=invited`); Fastify's validator turns a single value into a one-item list.
 */
export const listQuerySchema = {
  type: 'object',
  properties: {
    status: {
      type: 'array',
      items: { type: 'string', enum: memberStatuses },
      minItems: 1,
      maxItems: memberStatuses.length,
    },
    role: {
      type: 'array',
      items: { type: 'string', enum: normalizedRoles },
      minItems: 1,
      maxItems: normalizedRoles.length,
    },
    limit: { type: 'integer', minimum: 1, maximum: maxPageSize, default: 50 },
    cursor: { type: 'string', minLength: 1, maxLength: 1024 },
  },
} as const;

const memberProperties = {
  contextId: { type: 'string' },
  userId: { type: 'string' },
  roles: { type: 'array', items: { type: 'string' } },
  normalizedRoles: { type: 'array', items: { type: 'string', enum: normalizedRoles } },
  status: { type: 'string', enum: memberStatuses },
  senderStatus: nullable('string'),
  enrolledAt: { type: ['string', 'null'], format: 'date-time' },
  removedAt: { type: ['string', 'null'], format: 'date-time' },
  orderId: nullable('string'),
  lastEventId: { type: 'string' },
  lastEventType: { type: 'string' },
  lastEventAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
} as const;

// Every field, always present (null when unknown): clients never test for a missing key, and the
// serializer writes them in this order.
const memberRequired = Object.keys(memberProperties) as (keyof typeof memberProperties)[];

export const memberSchema = {
  type: 'object',
  required: memberRequired,
  properties: memberProperties,
} as const;

export const memberPageSchema = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: memberSchema },
    nextCursor: nullable('string'),
  },
} as const;

export const memberWithHistorySchema = {
  type: 'object',
  required: [...memberRequired, 'history'],
  properties: {
    ...memberProperties,
    history: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'eventId',
          'type',
          'source',
          'sourceEventName',
          'occurredAt',
          'roles',
          'status',
          'orderId',
        ],
        properties: {
          eventId: { type: 'string' },
          type: { type: 'string' },
          source: { type: 'string' },
          sourceEventName: nullable('string'),
          occurredAt: { type: 'string', format: 'date-time' },
          roles: { type: 'array', items: { type: 'string' } },
          status: nullable('string'),
          orderId: nullable('string'),
        },
      },
    },
  },
} as const;
