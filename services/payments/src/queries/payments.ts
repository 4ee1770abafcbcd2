import type { Queryable } from '@inlet/service-kit';
import { toSafeInteger } from '../integers.js';
import type { Payment } from '../routes/schemas.js';

interface PaymentRow {
  payment_id: string;
  user_id: string | null;
  customer_id: string | null;
  course_id: string | null;
  status: Payment['status'];
  currency: string;
  amount: string;
  captured: string;
  refunded: string;
  balance: string;
  failure_reason: string | null;
  captured_at: Date | null;
  refunded_at: Date | null;
  first_event_at: Date;
  last_event_at: Date;
  entries: number;
}

export async function findPayment(db: Queryable, paymentId: string): Promise<Payment | undefined> {
  const { rows } = await db.query<PaymentRow>(
    `SELECT payment_id, user_id, customer_id, course_id, status, currency, amount, captured, refunded, balance,
            failure_reason, captured_at, refunded_at, first_event_at, last_event_at, entries
       FROM payments.payments WHERE payment_id = $1`,
    [paymentId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    paymentId: row.payment_id,
    userId: row.user_id,
    customerId: row.customer_id,
    courseId: row.course_id,
    status: row.status,
    currency: row.currency,
    amount: toSafeInteger(row.amount),
    captured: toSafeInteger(row.captured),
    refunded: toSafeInteger(row.refunded),
    balance: toSafeInteger(row.balance),
    failureReason: row.failure_reason,
    capturedAt: row.captured_at?.toISOString() ?? null,
    refundedAt: row.refunded_at?.toISOString() ?? null,
    firstEventAt: row.first_event_at.toISOString(),
    lastEventAt: row.last_event_at.toISOString(),
    entries: row.entries,
  };
}
