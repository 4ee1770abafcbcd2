export type NormalizeErrorCode =
  'INLET_UNKNOWN_EVENT_TYPE' | 'INLET_UNSUPPORTED_EVENT' | 'INLET_INVALID_EVENT';

/**
 * What a well-formed event with an event name no mapping knows still says about itself: enough for the ingress
 * to keep it on the unmapped topic under the event id a mapped event would get. The name is as the sender wrote
 * it, unchecked: whoever shows or stores it applies its own pattern.
 */
export interface UnknownEvent {
  eventName: string;
  senderEventId: string | null;
}

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
  /** Set on INLET_UNKNOWN_EVENT_TYPE: the event is fine, only its name is not mapped (yet). */
  readonly unknownEvent?: UnknownEvent;

  constructor(
    code: NormalizeErrorCode,
    message: string,
    options: { field?: string; statusCode?: 422 | 400; unknownEvent?: UnknownEvent } = {},
  ) {
    super(message);
    this.name = 'NormalizeError';
    this.code = code;
    this.statusCode = options.statusCode ?? 422;
    if (options.field !== undefined) this.field = options.field;
    if (options.unknownEvent !== undefined) this.unknownEvent = options.unknownEvent;
  }
}

/**
 * An event type the route does not take. With `unknownEvent` (a well-formed event whose name no mapping knows)
 * the ingress keeps it on the unmapped topic; without (a canonical type sent to another family's route, a
 * sender's misconfiguration) it is refused with 422.
 */
export function unknownEventType(
  message: string,
  field?: string,
  unknownEvent?: UnknownEvent,
): NormalizeError {
  return new NormalizeError('INLET_UNKNOWN_EVENT_TYPE', message, {
    ...(field === undefined ? {} : { field }),
    ...(unknownEvent === undefined ? {} : { unknownEvent }),
  });
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
