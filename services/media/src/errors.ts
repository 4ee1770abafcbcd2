import { HttpError } from '@inlet/service-kit';

/** Errors the media read API answers on purpose (as application/problem+json, via @inlet/service-kit). */
export type MediaErrorCode =
  'INLET_VIDEO_NOT_FOUND' | 'INLET_TRANSCRIPT_NOT_FOUND' | 'INLET_TRANSCRIPT_REPLACED';

export class MediaError extends HttpError {
  constructor(code: MediaErrorCode, statusCode: number, message: string, field?: string) {
    super(code, statusCode, message, field);
    this.name = 'MediaError';
  }
}
