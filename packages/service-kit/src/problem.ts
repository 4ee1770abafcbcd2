/** RFC 9457 problem details: the body of every error answer of every Inlet service. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  /** JSON pointer of the offending field, for validation errors. */
  field?: string;
}

export const problemTitles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemType(code: string): string {
  return `https://inlet.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}

/** JSON schema of a problem document, for route response schemas (and so the OpenAPI documents). */
export const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details (application/problem+json)',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    instance: { type: 'string' },
    field: { type: 'string' },
  },
  required: ['type', 'title', 'status', 'detail', 'code'],
} as const;

/**
 * An error a service answers on purpose: a stable code, an HTTP status, a message for the caller and, for
 * validation errors, the offending field. Anything that is not such an error is a bug and answers 500.
 */
export class HttpError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly field?: string;

  constructor(code: string, statusCode: number, message: string, field?: string) {
    super(message);
    this.name = 'HttpError';
    this.code = code;
    this.statusCode = statusCode;
    if (field !== undefined) this.field = field;
  }
}
