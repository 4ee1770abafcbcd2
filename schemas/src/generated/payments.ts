// Generated from the latest Avro schema of inlet.payments.v1 (schemas/avro/inlet.payments.v1/): the records
// of its data union, by `npm run generate --workspace @inlet/schemas`. Do not edit: change those and
// regenerate (a test fails while this file differs from what they generate).

// PaymentsEvent: Payments and subscriptions from payment providers. Keyed by data.paymentId or
// data.subscriptionId so a refund or cancellation follows its payment or subscription.

/** A payment succeeded, failed or was refunded (payment.success, payment.failed, payment.refunded). */
export interface PaymentChange {
  /** The provider's payment (charge, payment intent) id. */
  paymentId: string;
  /** Our user id (from the provider's metadata), when the payment names one. */
  userId: string | null;
  /** The provider's customer id. */
  customerId: string | null;
  /** Amount in the currency's minor unit (cents), never a float. */
  amount: number;
  /** ISO 4217, lower case as Stripe sends it (usd, eur). */
  currency: string;
  /** The course the payment buys, when it names one. */
  courseId: string | null;
  /** Total refunded so far, in minor units (payment.refunded). */
  amountRefunded: number | null;
  /** Why the payment failed (payment.failed), as the provider says. */
  failureReason: string | null;
}

/** A subscription was created or cancelled (subscription.created, subscription.cancelled). */
export interface SubscriptionChange {
  /** The provider's subscription id. */
  subscriptionId: string;
  /** Our user id (from the provider's metadata), when the subscription names one. */
  userId: string | null;
  /** The provider's customer id. */
  customerId: string | null;
  /** The provider's plan (price) id. */
  planId: string | null;
  /** The provider's subscription status: active, trialing, canceled ... */
  status: string | null;
  /** The course the subscription gives access to, when it names one. */
  courseId: string | null;
  /** End of the paid period, epoch ms. */
  currentPeriodEnd: number | null;
}
