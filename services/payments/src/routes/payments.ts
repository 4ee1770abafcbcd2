import { Type } from 'typebox';
import { IdText, ProblemResponse, notFound, type ReadRoutes } from '@inlet/service-kit';
import { findPayment } from '../queries/payments.js';
import { findSubscription } from '../queries/subscriptions.js';
import { Payment, Subscription } from './schemas.js';

/** One payment (status and money, from its ledger entries) and one subscription (its lifecycle). */
export const paymentRoutes: ReadRoutes = async (app, { db }) => {
  app.get(
    '/payments/:paymentId',
    {
      schema: {
        params: Type.Object({ paymentId: IdText() }),
        response: { 200: Payment, 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    async (request) =>
      (await findPayment(db, request.params.paymentId)) ??
      notFound('INLET_PAYMENT_NOT_FOUND', 'no event has named this payment'),
  );

  app.get(
    '/subscriptions/:subscriptionId',
    {
      schema: {
        params: Type.Object({ subscriptionId: IdText() }),
        response: { 200: Subscription, 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    async (request) =>
      (await findSubscription(db, request.params.subscriptionId)) ??
      notFound('INLET_SUBSCRIPTION_NOT_FOUND', 'no event has named this subscription'),
  );
};
