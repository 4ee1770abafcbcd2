import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db.js';
import { PaymentsError } from '../errors.js';
import { findPayment } from '../queries/payments.js';
import { findSubscription } from '../queries/subscriptions.js';
import { idSchema, paymentSchema, problemSchema, subscriptionSchema } from './schemas.js';

/** One payment (status and money, from its ledger entries) and one subscription (its lifecycle). */
export async function paymentRoutes(app: FastifyInstance, { db }: { db: Queryable }): Promise<void> {
  app.get<{ Params: { paymentId: string } }>(
    '/payments/:paymentId',
    {
      schema: {
        params: { type: 'object', required: ['paymentId'], properties: { paymentId: idSchema } },
        response: { 200: paymentSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const payment = await findPayment(db, request.params.paymentId);
      if (!payment)
        throw new PaymentsError('INLET_PAYMENT_NOT_FOUND', 404, 'no event has named this payment');
      return payment;
    },
  );

  app.get<{ Params: { subscriptionId: string } }>(
    '/subscriptions/:subscriptionId',
    {
      schema: {
        params: { type: 'object', required: ['subscriptionId'], properties: { subscriptionId: idSchema } },
        response: { 200: subscriptionSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const subscription = await findSubscription(db, request.params.subscriptionId);
      if (!subscription) {
        throw new PaymentsError('INLET_SUBSCRIPTION_NOT_FOUND', 404, 'no event has named this subscription');
      }
      return subscription;
    },
  );
}
