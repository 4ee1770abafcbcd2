import { excludedAssignments, type Queryable } from '@inlet/service-kit';
import { upsertGrant } from './entitlement-grant.js';
import { newestNonNull } from './newest.js';

// What the ledger decides of a payment besides its key (payment_id): the columns the INSERT and the UPDATE write.
const paymentColumns = `user_id, customer_id, course_id, failure_reason, currency, amount, captured, refunded, status,
  captured_at, refunded_at, first_event_at, last_event_at, entries`;

/**
 * Recomputes payments.payments for each payment in $1 from ALL its ledger entries (never by adding to the
 * stored row), so the projection is by construction what the ledger says: captured and refunded are sums of
 * entries, balance is their difference. A row depends only on its payment's whole ledger, so recomputing it
 * once after a run of events equals recomputing it after each.
 *
 * Status: refunded when the refunds reach the captured amount (and are not zero: a free checkout stays
 * succeeded); partially_refunded when some were refunded; succeeded when captured; failed when the only news
 * is a failure; awaiting_capture when a refund (which proves money was taken) arrived before any
 * payment.success.
 */
const refreshPaymentRow = `
WITH totals AS (
  SELECT
    payment_id,
    count(*)::int AS entries,
    (array_agg(currency ORDER BY entry_id))[1] AS currency,
    coalesce(
      (array_agg(reported_amount ORDER BY entry_id) FILTER (WHERE kind = 'capture'))[1],
      ${newestNonNull('reported_amount')}
    ) AS amount,
    coalesce(sum(amount) FILTER (WHERE kind = 'capture'), 0)::bigint AS captured,
    coalesce(-sum(amount) FILTER (WHERE kind = 'refund'), 0)::bigint AS refunded,
    coalesce(bool_or(kind = 'capture'), false) AS has_capture,
    coalesce(bool_or(event_type = 'payment.refunded'), false) AS has_refund_report,
    min(occurred_at) FILTER (WHERE event_type = 'payment.success') AS captured_at,
    min(occurred_at) AS first_event_at,
    max(occurred_at) AS last_event_at,
    ${newestNonNull('user_id')} AS user_id,
    ${newestNonNull('customer_id')} AS customer_id,
    ${newestNonNull('course_id')} AS course_id,
    ${newestNonNull('failure_reason')} AS failure_reason
  FROM payments.ledger
  WHERE payment_id = ANY($1::text[])
  GROUP BY payment_id
), derived AS (
  SELECT totals.*,
    CASE WHEN has_capture AND refunded > 0 AND refunded >= captured THEN (
      -- The earliest report whose cumulative total covered the capture: when the refund became full.
      SELECT min(full_refund.occurred_at) FROM payments.ledger AS full_refund
       WHERE full_refund.payment_id = totals.payment_id
         AND full_refund.event_type = 'payment.refunded'
         AND full_refund.reported_amount_refunded >= totals.captured
    ) END AS refunded_at
  FROM totals
)
INSERT INTO payments.payments AS stored (payment_id, ${paymentColumns})
SELECT payment_id, user_id, customer_id, course_id, failure_reason, currency, amount, captured, refunded,
  CASE
    WHEN refunded_at IS NOT NULL THEN 'refunded'
    WHEN has_capture AND refunded > 0 THEN 'partially_refunded'
    WHEN has_capture THEN 'succeeded'
    WHEN has_refund_report THEN 'awaiting_capture'
    ELSE 'failed'
  END,
  captured_at, refunded_at, first_event_at, last_event_at, entries
FROM derived
ON CONFLICT (payment_id) DO UPDATE SET
  ${excludedAssignments(paymentColumns)},
  updated_at = now()`;

/**
 * The payment's grant: a captured payment that names a user and a course unlocks that course, until a full
 * refund (valid_until = when the refund became full). A partial refund leaves it valid: the learner keeps
 * the course they still paid for. A payment without a course or a user grants nothing (it stays in the ledger).
 * Each condition, once true, stays true (a capture is never undone, newest-non-null ids never become null),
 * so a grant row never needs removing.
 */
const refreshPaymentGrant = upsertGrant(`
SELECT 'payment', payment_id, user_id, course_id, captured_at, refunded_at,
       CASE WHEN refunded_at IS NOT NULL THEN 'refund' END
  FROM payments.payments
 WHERE payment_id = ANY($1::text[]) AND captured_at IS NOT NULL AND user_id IS NOT NULL AND course_id IS NOT NULL`);

/** Recomputes the payments' rows and grants: two statements, whatever the number of payments. */
export async function refreshPayments(tx: Queryable, paymentIds: readonly string[]): Promise<void> {
  await tx.query(refreshPaymentRow, [paymentIds]);
  await tx.query(refreshPaymentGrant, [paymentIds]);
}
