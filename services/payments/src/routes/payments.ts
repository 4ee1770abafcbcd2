import { Type } from 'typebox';
import { HttpError, IdText, ProblemResponse, type ReadRoutes } from '@inlet/service-kit';
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
    async (request) => {
      const payment = await findPayment(db, request.params.paymentId);
      if (!payment) throw new HttpError('INLET_PAYMENT_NOT_FOUND', 404, 'no event has named this payment');
      return payment;
    },
  );

  app.get(
    '/subscriptions/:subscriptionId',
    {
      schema: {
        params: Type.Object({ subscriptionId: IdText() }),
        response: { 200: Subscription, 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    async (request) => {
      const subscription = await findSubscription(db, request.params.subscriptionId);
      if (!subscription) {
        throw new HttpError('INLET_SUBSCRIPTION_NOT_FOUND', 404, 'no event has named this subscription');
      }
      return subscription;
    },
  );
};
