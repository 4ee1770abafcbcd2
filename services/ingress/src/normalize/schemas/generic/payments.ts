/** Generic data of payments and subscriptions. */
import type { Static } from 'typebox';
import {
  currencyCode,
  minorUnits,
  nonEmptyString,
  optionalMinorUnits,
  optionalNonEmptyString,
  optionalString,
} from '../common.js';
import { optionalTimestamp, timestampedData } from './timestamped.js';

const paymentProperties = {
  paymentId: nonEmptyString,
  /** Integer minor units (cents), never a decimal amount. */
  amount: minorUnits,
  currency: currencyCode,
  userId: optionalNonEmptyString,
  customerId: optionalNonEmptyString,
  courseId: optionalNonEmptyString,
  amountRefunded: optionalMinorUnits,
  failureReason: optionalString,
};

export const payment = timestampedData(paymentProperties);
/** A refund without the refunded total says nothing. */
export const paymentRefunded = timestampedData({ ...paymentProperties, amountRefunded: minorUnits });
export type GenericPayment = Static<typeof payment> | Static<typeof paymentRefunded>;

export const subscription = timestampedData({
  subscriptionId: nonEmptyString,
  userId: optionalNonEmptyString,
  customerId: optionalNonEmptyString,
  planId: optionalNonEmptyString,
  status: optionalNonEmptyString,
  courseId: optionalNonEmptyString,
  /** ISO 8601 like every other generic time. */
  currentPeriodEnd: optionalTimestamp,
});
export type GenericSubscription = Static<typeof subscription>;
