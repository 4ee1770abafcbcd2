import { HttpError } from '@inlet/service-kit/service';

/**
 * Errors the ingress answers on purpose, each with a stable code and an HTTP status; @inlet/service-kit turns
 * them into application/problem+json. The auth and normalize modules have coded errors of their own.
 */
export type IngressErrorCode =
  | 'INLET_SOURCE_UNKNOWN'
  | 'INLET_SOURCE_REQUIRED'
  | 'INLET_IP_FORBIDDEN'
  | 'INLET_BODY_NOT_JSON'
  | 'INLET_RATE_LIMITED'
  | 'INLET_AUTH_RATE_LIMITED'
  | 'INLET_INGRESS_BUSY';

export class IngressError extends HttpError {
  constructor(code: IngressErrorCode, statusCode: number, message: string) {
    super(code, statusCode, message);
    this.name = 'IngressError';
  }
}
