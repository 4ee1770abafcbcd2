/**
 * Stripe events to canonical payment and subscription events.
 *
 * paymentId is the PaymentIntent id whenever the Stripe object has one, else the object's own id (a charge made
 * without a PaymentIntent, a checkout session that took no payment). A payment_intent.succeeded, the
 * charge.succeeded of its charge, the checkout.session.completed that created it and a later charge.refunded
 * therefore all name the same payment, and the refund lands on the payment it refunds.
 */
import type { EventDataByType } from '@inlet/schemas';
import type { ValidateFunction } from 'ajv';
import { normalizedEvent, orNull } from './convert.js';
import { unknownEventType } from './errors.js';
import {
  chargeSchema,
  checkoutSessionSchema,
  paymentIntentSchema,
  refundedChargeSchema,
  stripeEnvelopeSchema,
  subscriptionSchema,
  type StripeMetadata,
} from './schemas/stripe.js';
import type { JsonObject, NormalizedEvent } from './types.js';
import { assertValid, compileSchema } from './validate.js';

export function isStripeEvent(payload: JsonObject): boolean {
  return payload.object === 'event';
}

type Meta = Omit<NormalizedEvent, 'type' | 'data'>;
type StripeMapper = (object: unknown, meta: Meta) => NormalizedEvent;
type PaymentType = 'payment.success' | 'payment.failed' | 'payment.refunded';

const validateEnvelope = compileSchema(stripeEnvelopeSchema);
const validatePaymentIntent = compileSchema(paymentIntentSchema);
const validateCharge = compileSchema(chargeSchema);
const validateRefundedCharge = compileSchema(refundedChargeSchema);
const validateCheckoutSession = compileSchema(checkoutSessionSchema);
const validateSubscription = compileSchema(subscriptionSchema);

const objectPointer = '/data/object';

function checked<T>(validate: ValidateFunction<T>, object: unknown): T {
  assertValid(validate, object, objectPointer);
  return object;
}

function fromMetadata(metadata: StripeMetadata | null | undefined) {
  return { userId: metadata?.user_id ?? null, courseId: metadata?.course_id ?? null };
}

const paymentIntent =
  (type: PaymentType): StripeMapper =>
  (raw, meta) => {
    const intent = checked(validatePaymentIntent, raw);
    const data: EventDataByType['payment.success'] = {
      paymentId: intent.id,
      ...fromMetadata(intent.metadata),
      customerId: orNull(intent.customer),
      amount: intent.amount,
      currency: intent.currency,
      amountRefunded: null,
      failureReason: type === 'payment.failed' ? (intent.last_payment_error?.message ?? null) : null,
    };
    return normalizedEvent(type, data, meta);
  };

const charge =
  (type: PaymentType): StripeMapper =>
  (raw, meta) => {
    const object = checked(type === 'payment.refunded' ? validateRefundedCharge : validateCharge, raw);
    const data: EventDataByType['payment.success'] = {
      paymentId: object.payment_intent ?? object.id,
      ...fromMetadata(object.metadata),
      customerId: orNull(object.customer),
      amount: object.amount,
      currency: object.currency,
      amountRefunded: type === 'payment.refunded' ? orNull(object.amount_refunded) : null,
      failureReason: type === 'payment.failed' ? orNull(object.failure_message) : null,
    };
    return normalizedEvent(type, data, meta);
  };

/**
 * A completed checkout has taken the money only when payment_status says so; a delayed method (bank debit) ends
 * in checkout.session.async_payment_succeeded or _failed instead, which are mapped too.
 */
const checkoutSession =
  (type: 'payment.success' | 'payment.failed', requirePaid: boolean): StripeMapper =>
  (raw, meta) => {
    const session = checked(validateCheckoutSession, raw);
    if (requirePaid && session.payment_status === 'unpaid') {
      // Authentic and well-formed, only not a payment yet: kept on the unmapped topic (202) rather than refused,
      // which Stripe would retry for days.
      throw unknownEventType(
        `Stripe event '${String(meta.sourceEventName)}' with payment_status unpaid is not a payment yet; ` +
          'Inlet maps its checkout.session.async_payment_succeeded or _failed',
        `${objectPointer}/payment_status`,
        { eventName: String(meta.sourceEventName), senderEventId: meta.senderEventId },
      );
    }
    const data: EventDataByType['payment.success'] = {
      paymentId: session.payment_intent ?? session.id,
      // Checkout's client_reference_id is where integrations usually put their own user id.
      userId: session.metadata?.user_id ?? session.client_reference_id ?? null,
      courseId: session.metadata?.course_id ?? null,
      customerId: orNull(session.customer),
      amount: session.amount_total,
      currency: session.currency,
      amountRefunded: null,
      failureReason: null,
    };
    return normalizedEvent(type, data, meta);
  };

const subscription =
  (type: 'subscription.created' | 'subscription.cancelled'): StripeMapper =>
  (raw, meta) => {
    const sub = checked(validateSubscription, raw);
    const firstItem = sub.items?.data[0];
    const periodEnd = sub.current_period_end ?? firstItem?.current_period_end ?? null;
    return normalizedEvent(
      type,
      {
        subscriptionId: sub.id,
        ...fromMetadata(sub.metadata),
        customerId: orNull(sub.customer),
        planId: firstItem?.price?.id ?? sub.plan?.id ?? null,
        status: sub.status,
        currentPeriodEnd: periodEnd === null ? null : periodEnd * 1000,
      },
      meta,
    );
  };

const mappers: Record<string, StripeMapper> = {
  'payment_intent.succeeded': paymentIntent('payment.success'),
  'payment_intent.payment_failed': paymentIntent('payment.failed'),
  'charge.succeeded': charge('payment.success'),
  'charge.failed': charge('payment.failed'),
  'charge.refunded': charge('payment.refunded'),
  'checkout.session.completed': checkoutSession('payment.success', true),
  'checkout.session.async_payment_succeeded': checkoutSession('payment.success', false),
  'checkout.session.async_payment_failed': checkoutSession('payment.failed', false),
  'customer.subscription.created': subscription('subscription.created'),
  'customer.subscription.deleted': subscription('subscription.cancelled'),
};

export const mappedStripeEvents: readonly string[] = Object.keys(mappers);

export function normalizeStripe(payload: JsonObject): NormalizedEvent {
  assertValid(validateEnvelope, payload);
  const { type, id, created, data } = payload;
  const mapper = Object.hasOwn(mappers, type) ? mappers[type] : undefined;
  if (!mapper) {
    throw unknownEventType(
      `Stripe event '${type}' is not mapped by Inlet; mapped: ${mappedStripeEvents.join(', ')}`,
      '/type',
      { eventName: type, senderEventId: id },
    );
  }
  return mapper(data.object, { occurredAt: created * 1000, sourceEventName: type, senderEventId: id });
}
