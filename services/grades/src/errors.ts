import { HttpError } from '@inlet/service-kit';

/** Errors the grades read API answers on purpose (as application/problem+json, via @inlet/service-kit). */
export type GradesErrorCode = 'INLET_GRADE_NOT_FOUND';

export class GradesError extends HttpError {
  constructor(code: GradesErrorCode, statusCode: number, message: string, field?: string) {
    super(code, statusCode, message, field);
    this.name = 'GradesError';
  }
}
