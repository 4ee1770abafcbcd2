import { HttpError } from '@inlet/service-kit';

/** Errors the content read API answers on purpose (as application/problem+json, via @inlet/service-kit). */
export type ContentErrorCode =
  'INLET_CONTENT_NOT_FOUND' | 'INLET_DEEP_LINK_NOT_FOUND' | 'INLET_DATE_RANGE_INVALID';

export class ContentError extends HttpError {
  constructor(code: ContentErrorCode, statusCode: number, message: string, field?: string) {
    super(code, statusCode, message, field);
    this.name = 'ContentError';
  }
}
