import { PermanentError } from '@inlet/kafka-runtime';

/**
 * Money arrives as Avro longs (JavaScript numbers) and a currency string. The schema cannot say "an integer
 * number of minor units" or "an ISO 4217 code", so this does; no retry makes a bad value good, so every
 * refusal is permanent and the runtime dead-letters the event at once.
 */
export const invalidPaymentEvent = 'INLET_PAYMENT_EVENT_INVALID';

/** ICU's list of ISO 4217 codes (upper case), the one Intl formats amounts with. */
const isoCurrencies: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** A non-negative whole number of minor units that a bigint column and a JavaScript number both hold exactly. */
export function minorUnits(value: number, field: string, eventId: string): number {
  if (Number.isSafeInteger(value) && value >= 0) return value;
  throw new PermanentError(
    invalidPaymentEvent,
    `event ${eventId}: ${field} is ${value}, not a non-negative integer amount in minor units`,
  );
}

/** The ISO 4217 code in lower case, as the canonical events and the ledger spell it. */
export function currencyCode(value: string, eventId: string): string {
  if (/^[A-Za-z]{3}$/.test(value) && isoCurrencies.has(value.toUpperCase())) return value.toLowerCase();
  // The value is the sender's text: it is named only when it has the shape of a code.
  const shown = /^[A-Za-z]{1,8}$/.test(value) ? `'${value}'` : 'a value';
  throw new PermanentError(
    invalidPaymentEvent,
    `event ${eventId}: data.currency is ${shown}, not an ISO 4217 currency code`,
  );
}
