import { HttpError } from '@inlet/service-kit';

/** Errors the membership read API answers on purpose (as application/problem+json, via @inlet/service-kit). */
export type MembershipErrorCode = 'INLET_MEMBER_NOT_FOUND';

export class MembershipError extends HttpError {
  constructor(code: MembershipErrorCode, statusCode: number, message: string, field?: string) {
    super(code, statusCode, message, field);
    this.name = 'MembershipError';
  }
}
