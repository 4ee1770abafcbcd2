export type NormalizeErrorCode =
  'INLET_UNKNOWN_EVENT_TYPE' | 'INLET_UNSUPPORTED_EVENT' | 'INLET_INVALID_EVENT';

/**
 * Why a payload cannot become a canonical event. Messages name fields and schema rules only, never values from
 * the body (they may be personal data); the one exception is a sender's event name, and only after it passed a
 * strict pattern, because naming it is what makes the error useful.
 */
export class NormalizeError extends Error {
  readonly code: NormalizeErrorCode;
  /** 400 for a body that is not a JSON object at all; 422 for an object Inlet cannot use. */
  readonly statusCode: 422 | 400;
  /** JSON pointer of the offending field in the SENDER's payload, e.g. '/data/score' or '/body/user_id'. */
  readonly field?: string;

  constructor(
    code: NormalizeErrorCode,
    message: string,
    options: { field?: string; statusCode?: 422 | 400 } = {},
  ) {
    super(message);
    this.name = 'NormalizeError';
    this.code = code;
    this.statusCode = options.statusCode ?? 422;
    if (options.field !== undefined) this.field = options.field;
  }
}

export function unknownEventType(message: string, field?: string): NormalizeError {
  return new NormalizeError('INLET_UNKNOWN_EVENT_TYPE', message, field === undefined ? {} : { field });
}

export function unsupportedEvent(message: string, field: string): NormalizeError {
  return new NormalizeError('INLET_UNSUPPORTED_EVENT', message, { field });
}

export function invalidEvent(message: string, field?: string): NormalizeError {
  return new NormalizeError('INLET_INVALID_EVENT', message, field === undefined ? {} : { field });
}

export function notAnObject(): NormalizeError {
  return new NormalizeError('INLET_INVALID_EVENT', 'the body must be a JSON object', { statusCode: 400 });
}
