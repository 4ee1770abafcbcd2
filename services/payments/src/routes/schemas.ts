import { Type, type Static } from 'typebox';
import { IdText, Nullable, Page, Timestamp, pageFields, pageQueryFields } from '@inlet/service-kit';

// The read API's contract. Fastify validates requests and serializes answers with these schemas, so a field not
// listed here never leaves the service; the answers' TypeScript types are derived from them.
// Every answer field is always present (null when unknown): clients never test for a missing key.

export const maxPageSize = 200;

/** Money: an integer number of the currency's minor unit (4900 = 49.00 USD). Never a float. */
const Money = Type.Integer();

/** The kinds of ledger entry (migrations/…_ledger.sql says what each does to the balance). */
export const ledgerEntryKinds = [
  'capture',
  'duplicate_capture',
  'failure',
  'refund',
  'duplicate_refund',
] as const;

export const LedgerEntry = Type.Object({
  entryId: Type.Integer(),
  paymentId: Type.String(),
  eventId: Type.String(),
  eventType: Type.String(),
  sourceEventName: Nullable(Type.String()),
  kind: Type.Enum(ledgerEntryKinds, { type: 'string' }),
  /** The entry's effect on the payment's balance: + captured, - refunded, 0 for failures and duplicates. */
  amount: Money,
  currency: Type.String(),
  /** The payment's balance after this entry (the sum of its entries up to and including this one). */
  balanceAfter: Money,
  reportedAmount: Money,
  reportedAmountRefunded: Nullable(Type.Integer()),
  courseId: Nullable(Type.String()),
  failureReason: Nullable(Type.String()),
  occurredAt: Timestamp,
  recordedAt: Timestamp,
});
export type LedgerEntry = Static<typeof LedgerEntry>;

export const LedgerPage = Page(LedgerEntry);
export type LedgerPage = Static<typeof LedgerPage>;

/** One source of an entitlement: the payment or subscription that grants it. */
export const EntitlementSource = Type.Object({
  kind: Type.Enum(['payment', 'subscription'], { type: 'string' }),
  id: Type.String(),
  grantedAt: Timestamp,
  /** When this source stops granting (a future subscription period end); null: no end known. */
  validUntil: Nullable(Timestamp),
});
export type EntitlementSource = Static<typeof EntitlementSource>;

/** A course the user may open now, and every source that grants it. */
export const Entitlement = Type.Object({
  /** Null with allCourses: an all-access subscription (one that names no course). */
  courseId: Nullable(Type.String()),
  allCourses: Type.Boolean(),
  /** The earliest grant among the sources. */
  grantedAt: Timestamp,
  /** The latest any source is valid until; null while a source has no end. */
  validUntil: Nullable(Timestamp),
  sources: Type.Array(EntitlementSource),
});
export type Entitlement = Static<typeof Entitlement>;

export const EntitlementPage = Type.Object({ userId: Type.String(), ...pageFields(Entitlement) });
export type EntitlementPage = Static<typeof EntitlementPage>;

/** A payment: the projection of its ledger entries. */
export const Payment = Type.Object({
  paymentId: Type.String(),
  userId: Nullable(Type.String()),
  customerId: Nullable(Type.String()),
  courseId: Nullable(Type.String()),
  status: Type.Enum(['succeeded', 'partially_refunded', 'refunded', 'failed', 'awaiting_capture'], {
    type: 'string',
  }),
  currency: Type.String(),
  amount: Money,
  captured: Money,
  refunded: Money,
  /** captured - refunded: the sum of the payment's ledger entries. */
  balance: Money,
  failureReason: Nullable(Type.String()),
  capturedAt: Nullable(Timestamp),
  refundedAt: Nullable(Timestamp),
  firstEventAt: Timestamp,
  lastEventAt: Timestamp,
  entries: Type.Integer(),
});
export type Payment = Static<typeof Payment>;

/** A subscription: the projection of its events. */
export const Subscription = Type.Object({
  subscriptionId: Type.String(),
  userId: Nullable(Type.String()),
  customerId: Nullable(Type.String()),
  planId: Nullable(Type.String()),
  /** Null with allCourses: the subscription gives access to every course. */
  courseId: Nullable(Type.String()),
  allCourses: Type.Boolean(),
  /** active or cancelled (ours); providerStatus is the provider's own word (active, trialing, canceled ...). */
  status: Type.Enum(['active', 'cancelled'], { type: 'string' }),
  providerStatus: Nullable(Type.String()),
  startedAt: Timestamp,
  cancelledAt: Nullable(Timestamp),
  currentPeriodEnd: Nullable(Timestamp),
  /** When a cancelled subscription's access ends (its entitlement is valid until then); null while active. */
  accessUntil: Nullable(Timestamp),
  firstEventAt: Timestamp,
  lastEventAt: Timestamp,
  events: Type.Integer(),
});
export type Subscription = Static<typeof Subscription>;

export const UserParams = Type.Object({ userId: IdText() });

export const LedgerQuery = Type.Object({
  paymentId: Type.Optional(IdText()),
  ...pageQueryFields(maxPageSize, 50),
});
export type LedgerQuery = Static<typeof LedgerQuery>;

export const EntitlementQuery = Type.Object(pageQueryFields(maxPageSize, 50));
export type EntitlementQuery = Static<typeof EntitlementQuery>;
