import { selectList, type Queryable } from '@inlet/service-kit';
import { withSafeIntegers, type BigintText } from '../integers.js';
import type { Payment } from '../routes/schemas.js';

const money = ['amount', 'captured', 'refunded', 'balance'] as const;

const paymentColumns = selectList<Payment>({
  paymentId: 'payment_id',
  userId: 'user_id',
  customerId: 'customer_id',
  courseId: 'course_id',
  status: 'status',
  currency: 'currency',
  amount: 'amount',
  captured: 'captured',
  refunded: 'refunded',
  balance: 'balance',
  failureReason: 'failure_reason',
  capturedAt: 'captured_at',
  refundedAt: 'refunded_at',
  firstEventAt: 'first_event_at',
  lastEventAt: 'last_event_at',
  entries: 'entries',
});

export async function findPayment(db: Queryable, paymentId: string): Promise<Payment | undefined> {
  const { rows } = await db.query<BigintText<Payment, (typeof money)[number]>>(
    `SELECT ${paymentColumns} FROM payments.payments WHERE payment_id = $1`,
    [paymentId],
  );
  const row = rows[0];
  return row ? withSafeIntegers(row, money) : undefined;
}
