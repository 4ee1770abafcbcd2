import { Counter } from 'prom-client';
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
  metrics: ({ registry, prefix }) => ({
    ledgerEntries: new Counter({
      name: `${prefix}ledger_entries_total`,
      help:
        'Ledger entries written, by kind: capture, refund, failure, and duplicate_capture / duplicate_refund ' +
        '(reports that moved no money, e.g. the several Stripe events of one payment)',
      labelNames: ['kind'],
      registers: [registry],
    }),
  }),
  handlers: ({ metrics }) => createHandlers({ onLedgerEntry: (kind) => metrics.ledgerEntries.inc({ kind }) }),
  routes: [userRoutes, paymentRoutes],
});
