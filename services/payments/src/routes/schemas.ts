// JSON schemas of the read API's answers. Fastify serializes with them, so a field not listed here never
// leaves the service, and the types of the queries (queries/*.ts) and these stay side by side in review.
// Every field is always present (null when unknown): clients never test for a missing key.

const nullable = (type: 'string' | 'integer') => ({ type: [type, 'null'] }) as const;
const time = { type: 'string', format: 'date-time' } as const;
const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;
/** Money: an integer number of the currency's minor unit (4900 = 49.00 USD). Never a float. */
const money = { type: 'integer' } as const;

/**
 * Ids are opaque text from the senders; the bound keeps a typo from becoming a 1 MB query, and the pattern
 * refuses U+0000, which PostgreSQL text cannot hold (it would fail the query instead of matching nothing).
 */
export const idSchema = { type: 'string', minLength: 1, maxLength: 255, pattern: '^[^\\u0000]*$' } as const;

export { problemSchema } from '@inlet/service-kit';

export const maxPageSize = 200;

export const pageQuerySchema = {
  limit: { type: 'integer', minimum: 1, maximum: maxPageSize, default: 50 },
  cursor: { type: 'string', minLength: 1, maxLength: 1024 },
} as const;

const required = <T extends Record<string, unknown>>(properties: T) => ({
  type: 'object',
  required: Object.keys(properties) as (keyof T)[],
  properties,
});

export const ledgerEntrySchema = required({
  entryId: { type: 'integer' },
  paymentId: { type: 'string' },
  eventId: { type: 'string' },
  eventType: { type: 'string' },
  sourceEventName: nullable('string'),
  kind: {
    type: 'string',
    enum: ['capture', 'duplicate_capture', 'failure', 'refund', 'duplicate_refund'],
  },
  amount: money,
  currency: { type: 'string' },
  balanceAfter: money,
  reportedAmount: money,
  reportedAmountRefunded: nullable('integer'),
  courseId: nullable('string'),
  failureReason: nullable('string'),
  occurredAt: time,
  recordedAt: time,
});

export const ledgerPageSchema = required({
  items: { type: 'array', items: ledgerEntrySchema },
  nextCursor: nullable('string'),
});

const entitlementSourceSchema = required({
  kind: { type: 'string', enum: ['payment', 'subscription'] },
  id: { type: 'string' },
  grantedAt: time,
  validUntil: nullableTime,
});

export const entitlementPageSchema = required({
  userId: { type: 'string' },
  items: {
    type: 'array',
    items: required({
      courseId: nullable('string'),
      allCourses: { type: 'boolean' },
      grantedAt: time,
      validUntil: nullableTime,
      sources: { type: 'array', items: entitlementSourceSchema },
    }),
  },
  nextCursor: nullable('string'),
});

export const paymentSchema = required({
  paymentId: { type: 'string' },
  userId: nullable('string'),
  customerId: nullable('string'),
  courseId: nullable('string'),
  status: {
    type: 'string',
    enum: ['succeeded', 'partially_refunded', 'refunded', 'failed', 'awaiting_capture'],
  },
  currency: { type: 'string' },
  amount: money,
  captured: money,
  refunded: money,
  balance: money,
  failureReason: nullable('string'),
  capturedAt: nullableTime,
  refundedAt: nullableTime,
  firstEventAt: time,
  lastEventAt: time,
  entries: { type: 'integer' },
});

export const subscriptionSchema = required({
  subscriptionId: { type: 'string' },
  userId: nullable('string'),
  customerId: nullable('string'),
  planId: nullable('string'),
  courseId: nullable('string'),
  allCourses: { type: 'boolean' },
  status: { type: 'string', enum: ['active', 'cancelled'] },
  providerStatus: nullable('string'),
  startedAt: time,
  cancelledAt: nullableTime,
  currentPeriodEnd: nullableTime,
  accessUntil: nullableTime,
  firstEventAt: time,
  lastEventAt: time,
  events: { type: 'integer' },
});
