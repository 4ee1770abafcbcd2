import { defineConsumerService } from '@inlet/service-kit';
import { createHandlers } from './handlers/index.js';
import { paymentRoutes } from './routes/payments.js';
import { userRoutes } from './routes/users.js';

/**
 * Payments: inlet.payments.v1 into an append-only money ledger, payments, subscriptions and each user's
 * entitlements, with a read API.
 */
export const payments = defineConsumerService({
  name: 'payments',
  port: 8084,
  migrations: new URL('../migrations', import.meta.url),
  metrics: ({ counter }) => ({
    ledgerEntries: counter(
      'ledger_entries_total',
      'Ledger entries written, by kind: capture, refund, failure, and duplicate_capture / duplicate_refund ' +
        '(reports that moved no money, e.g. the several Stripe events of one payment)',
      ['kind'],
    ),
  }),
  handlers: ({ metrics }) => createHandlers({ onLedgerEntry: (kind) => metrics.ledgerEntries.inc({ kind }) }),
  routes: [userRoutes, paymentRoutes],
});
