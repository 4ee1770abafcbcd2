/**
 * Stripe event objects as Stripe posts them: `{id: 'evt_…', object: 'event', type, created (epoch s),
 * data: {object: {…}}}`. Only the fields Inlet maps are checked; Stripe adds fields in every API version.
 * Amounts are already integers in the currency's minor unit.
 */
import Type, { type Static } from 'typebox';
import {
  eventName,
  freeFormObject,
  minorUnits,
  nonEmptyString,
  optional,
  optionalNonEmptyString,
  optionalString,
} from './common.js';

export const stripeEnvelopeSchema = Type.Object({
  id: Type.String({ pattern: '^evt_[A-Za-z0-9_]+$', description: "a Stripe event id ('evt_…')" }),
  object: Type.Literal('event'),
  type: eventName,
  created: Type.Integer({ minimum: 0 }),
  data: Type.Object({ object: freeFormObject }),
});

/** Stripe metadata values are strings; Inlet reads user_id and course_id from it. */
const metadata = optional(
  Type.Object({ user_id: Type.Optional(nonEmptyString), course_id: Type.Optional(nonEmptyString) }),
);
export type StripeMetadata = Static<typeof metadata>;

const stripeCurrency = Type.String({
  pattern: '^[a-z]{3}$',
  description: 'a lower-case three-letter ISO 4217 currency code',
});
/** Webhooks send related objects as ids, not expanded. */
const relatedId = optionalNonEmptyString;

export const paymentIntentSchema = Type.Object({
  id: nonEmptyString,
  amount: minorUnits,
  currency: stripeCurrency,
  customer: relatedId,
  metadata,
  last_payment_error: optional(Type.Object({ message: optionalString })),
});

const chargeProperties = {
  id: nonEmptyString,
  amount: minorUnits,
  amount_refunded: optional(Type.Integer({ minimum: 0 })),
  currency: stripeCurrency,
  customer: relatedId,
  payment_intent: relatedId,
  failure_message: optionalString,
  metadata,
};

export const chargeSchema = Type.Object(chargeProperties);

/** A refund event must say how much has been refunded. */
export const refundedChargeSchema = Type.Object({ ...chargeProperties, amount_refunded: minorUnits });

export const checkoutSessionSchema = Type.Object({
  id: nonEmptyString,
  amount_total: minorUnits,
  currency: stripeCurrency,
  payment_status: Type.Enum(['paid', 'unpaid', 'no_payment_required'], { type: 'string' }),
  customer: relatedId,
  payment_intent: relatedId,
  client_reference_id: relatedId,
  metadata,
});

const epochSeconds = optional(Type.Integer({ minimum: 0 }));
/** Legacy pre-Prices plan, and an item's price. */
const objectWithId = optional(Type.Object({ id: nonEmptyString }));

export const subscriptionSchema = Type.Object({
  id: nonEmptyString,
  customer: relatedId,
  status: nonEmptyString,
  /** Before API version 2025-03-31 the period end sat on the subscription ... */
  current_period_end: epochSeconds,
  items: optional(
    Type.Object({
      data: Type.Array(
        // ... since then it sits on each subscription item.
        Type.Object({ price: objectWithId, current_period_end: epochSeconds }),
      ),
    }),
  ),
  plan: objectWithId,
  metadata,
});
