/**
 * Stripe event objects as Stripe posts them: `{id: 'evt_…', object: 'event', type, created (epoch s),
 * data: {object: {…}}}`. Only the fields Inlet maps are checked; Stripe adds fields in every API version.
 * Amounts are already integers in the currency's minor unit.
 */
import { eventName, minorUnits, nonEmptyString, optionalNonEmptyString, optionalString } from './common.js';

type Optional<T> = T | null | undefined;

export interface StripeEnvelope {
  id: string;
  object: 'event';
  type: string;
  created: number;
  data: { object: Record<string, unknown> };
}

export const stripeEnvelopeSchema = {
  type: 'object',
  required: ['id', 'object', 'type', 'created', 'data'],
  properties: {
    id: { type: 'string', pattern: '^evt_[A-Za-z0-9_]+$', description: "a Stripe event id ('evt_…')" },
    object: { const: 'event' },
    type: eventName,
    created: { type: 'integer', minimum: 0 },
    data: { type: 'object', required: ['object'], properties: { object: { type: 'object' } } },
  },
};

/** Stripe metadata values are strings; Inlet reads user_id and course_id from it. */
export interface StripeMetadata {
  user_id?: string;
  course_id?: string;
}

const metadata = {
  type: ['object', 'null'],
  properties: { user_id: nonEmptyString, course_id: nonEmptyString },
};

const stripeCurrency = {
  type: 'string',
  pattern: '^[a-z]{3}$',
  description: 'a lower-case three-letter ISO 4217 currency code',
};
/** Webhooks send related objects as ids, not expanded. */
const relatedId = optionalNonEmptyString;

export interface StripePaymentIntent {
  id: string;
  amount: number;
  currency: string;
  customer?: Optional<string>;
  metadata?: Optional<StripeMetadata>;
  last_payment_error?: Optional<{ message?: Optional<string> }>;
}

export const paymentIntentSchema = {
  type: 'object',
  required: ['id', 'amount', 'currency'],
  properties: {
    id: nonEmptyString,
    amount: minorUnits,
    currency: stripeCurrency,
    customer: relatedId,
    metadata,
    last_payment_error: { type: ['object', 'null'], properties: { message: optionalString } },
  },
};

export interface StripeCharge {
  id: string;
  amount: number;
  amount_refunded?: Optional<number>;
  currency: string;
  customer?: Optional<string>;
  payment_intent?: Optional<string>;
  failure_message?: Optional<string>;
  metadata?: Optional<StripeMetadata>;
}

export const chargeSchema = {
  type: 'object',
  required: ['id', 'amount', 'currency'],
  properties: {
    id: nonEmptyString,
    amount: minorUnits,
    amount_refunded: { type: ['integer', 'null'], minimum: 0 },
    currency: stripeCurrency,
    customer: relatedId,
    payment_intent: relatedId,
    failure_message: optionalString,
    metadata,
  },
};

/** A refund event must say how much has been refunded. */
export const refundedChargeSchema = {
  ...chargeSchema,
  required: ['id', 'amount', 'amount_refunded', 'currency'],
  properties: { ...chargeSchema.properties, amount_refunded: minorUnits },
};

export interface StripeCheckoutSession {
  id: string;
  amount_total: number;
  currency: string;
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  customer?: Optional<string>;
  payment_intent?: Optional<string>;
  client_reference_id?: Optional<string>;
  metadata?: Optional<StripeMetadata>;
}

export const checkoutSessionSchema = {
  type: 'object',
  required: ['id', 'amount_total', 'currency', 'payment_status'],
  properties: {
    id: nonEmptyString,
    amount_total: minorUnits,
    currency: stripeCurrency,
    payment_status: { type: 'string', enum: ['paid', 'unpaid', 'no_payment_required'] },
    customer: relatedId,
    payment_intent: relatedId,
    client_reference_id: relatedId,
    metadata,
  },
};

export interface StripeSubscription {
  id: string;
  customer?: Optional<string>;
  status: string;
  /** Before API version 2025-03-31 the period end sat on the subscription ... */
  current_period_end?: Optional<number>;
  items?: Optional<{
    data: Array<{ price?: Optional<{ id: string }>; current_period_end?: Optional<number> }>;
  }>;
  /** Legacy pre-Prices field. */
  plan?: Optional<{ id: string }>;
  metadata?: Optional<StripeMetadata>;
}

const epochSeconds = { type: ['integer', 'null'], minimum: 0 };
const objectWithId = { type: ['object', 'null'], required: ['id'], properties: { id: nonEmptyString } };

export const subscriptionSchema = {
  type: 'object',
  required: ['id', 'status'],
  properties: {
    id: nonEmptyString,
    customer: relatedId,
    status: nonEmptyString,
    current_period_end: epochSeconds,
    items: {
      type: ['object', 'null'],
      required: ['data'],
      properties: {
        data: {
          type: 'array',
          // ... since then it sits on each subscription item.
          items: { type: 'object', properties: { price: objectWithId, current_period_end: epochSeconds } },
        },
      },
    },
    plan: objectWithId,
    metadata,
  },
};
