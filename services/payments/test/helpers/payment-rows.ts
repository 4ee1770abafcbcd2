import type { Queryable } from '@inlet/service-kit';

/**
 * What the payment handlers wrote, read straight from the tables, to hold them to what they must be. `db` is
 * asked for at each read, so a describe can call this before its beforeAll has opened the database.
 */
export function paymentRows(db: () => Queryable) {
  return {
    /** A payment's ledger entries, oldest first. */
    async ledger(paymentId: string) {
      const { rows } = await db().query<{ kind: string; amount: number; event_id: string }>(
        `SELECT kind, amount::int AS amount, event_id FROM payments.ledger WHERE payment_id = $1 ORDER BY entry_id`,
        [paymentId],
      );
      return rows;
    },

    /** The payment's projection row; undefined when nothing was recorded for it. */
    async payment(paymentId: string) {
      const { rows } = await db().query(
        `SELECT user_id, customer_id, course_id, failure_reason, currency, amount::int AS amount,
                captured::int AS captured, refunded::int AS refunded, balance::int AS balance, status,
                captured_at, refunded_at, first_event_at, last_event_at, entries
           FROM payments.payments WHERE payment_id = $1`,
        [paymentId],
      );
      return rows[0] as Record<string, unknown> | undefined;
    },

    /** The balance the ledger says, to hold the projection to it. */
    async ledgerBalance(paymentId: string) {
      const { rows } = await db().query<{ balance: number }>(
        'SELECT coalesce(sum(amount), 0)::int AS balance FROM payments.ledger WHERE payment_id = $1',
        [paymentId],
      );
      return rows[0]!.balance;
    },
  };
}
