import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problemTitles, problemType, type Problem } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The code of the problem answered, for the request's log line. */
    problemCode?: string;
  }
}

/** What an error handler needs of an error: ours carry code/statusCode/field; Fastify's carry code. */
export interface CodedError {
  code?: string;
  statusCode?: number;
  field?: string;
  message: string;
  /** Seconds for a Retry-After header (503, 429). */
  retryAfterSeconds?: number;
}

export interface ProblemDetailsOptions {
  /** Turns a service's own error (e.g. a Kafka timeout) into a coded one before it is answered. */
  translate?: (error: CodedError) => CodedError | undefined;
}

/** Fastify's errors that reach callers, with our code (and a better message where Fastify's is internal). */
const fastifyErrors: Record<string, { status: number; code: string; detail?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'INLET_BODY_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'INLET_UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'INLET_BAD_CONTENT_LENGTH' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INLET_BODY_EMPTY', detail: 'the body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INLET_BODY_NOT_JSON' },
  FST_ERR_VALIDATION: { status: 400, code: 'INLET_REQUEST_INVALID' },
};

/**
 * Every error becomes application/problem+json. Errors with a code and a 4xx (or 503) status are the caller's
 * to know and are shown; anything else is a bug or an outage: logged in full, answered with a generic 500
 * that says nothing about internals (no stack, no connection string, no secret).
 */
export const problemDetails = fp(async (app: FastifyInstance, options: ProblemDetailsOptions = {}) => {
  app.setErrorHandler(
    async (raw: FastifyError & CodedError, request: FastifyRequest, reply: FastifyReply) => {
      const error = options.translate?.(raw) ?? raw;
      const known = error.code ? fastifyErrors[error.code] : undefined;
      const status = known?.status ?? error.statusCode ?? 500;
      const exposed = status < 500 || status === 503;
      if (!exposed) request.log.error({ err: raw }, 'unhandled error');
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));

      const code = exposed ? (known?.code ?? error.code ?? 'INLET_ERROR') : 'INLET_INTERNAL';
      const field = raw.code === 'FST_ERR_VALIDATION' ? validationField(raw) : error.field;
      const problem: Problem = {
        type: problemType(code),
        title: problemTitles[status] ?? 'Error',
        status,
        detail: exposed
          ? (known?.detail ?? error.message)
          : 'an unexpected error occurred; it has been logged',
        code,
        instance: request.url.split('?')[0],
        ...(exposed && field ? { field } : {}),
      };
      request.problemCode = code;
      return reply.status(status).type('application/problem+json').send(problem);
    },
  );

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0];
    const problem: Problem = {
      type: problemType('INLET_ROUTE_NOT_FOUND'),
      title: problemTitles[404]!,
      status: 404,
      detail: `no route ${request.method} ${path}`,
      code: 'INLET_ROUTE_NOT_FOUND',
      instance: path,
    };
    request.problemCode = problem.code;
    return reply.status(404).type('application/problem+json').send(problem);
  });
});

/** The JSON pointer of the first invalid field, e.g. "/querystring/limit" or "/params/userId". */
function validationField(error: FastifyError): string | undefined {
  const first = error.validation?.[0];
  if (!first || !error.validationContext) return undefined;
  const missing = (first.params as { missingProperty?: unknown }).missingProperty;
  const property = typeof missing === 'string' ? `/${missing}` : '';
  return `/${error.validationContext}${first.instancePath}${property}`;
}

/**
 * Fastify's `frameworkErrors` server option: a URL its router cannot decode (a broken %-escape) or a path
 * parameter over `maxParamLength` is answered before any route or error handler runs, as plain JSON with a 400
 * or a 414. This answers them like every other refusal: 400 problem+json with a code.
 */
export function frameworkProblems(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const path = request.raw.url?.split('?')[0] ?? '';
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const problem: Problem = {
    type: problemType('INLET_REQUEST_INVALID'),
    title: problemTitles[400]!,
    status: 400,
    detail: tooLong
      ? 'a path parameter is longer than this API accepts'
      : 'the URL is not validly percent-encoded',
    code: 'INLET_REQUEST_INVALID',
    instance: path,
  };
  request.problemCode = problem.code;
  void reply.status(400).type('application/problem+json').send(problem);
}
