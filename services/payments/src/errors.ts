import { HttpError } from '@inlet/service-kit';

/** Errors the payments read API answers on purpose (as application/problem+json, via @inlet/service-kit). */
export type PaymentsErrorCode = 'INLET_PAYMENT_NOT_FOUND' | 'INLET_SUBSCRIPTION_NOT_FOUND';

export class PaymentsError extends HttpError {
  constructor(code: PaymentsErrorCode, statusCode: number, message: string, field?: string) {
    super(code, statusCode, message, field);
    this.name = 'PaymentsError';
  }
}
