import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

// Spelled out here, not imported from problem.ts, so that a change there shows up as a failing test.
const titles: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 503: 'Service Unavailable' };

/** The fields of a refusal that differ from one refusal to the next. */
export interface ExpectedProblem {
  status: number;
  code: string;
  detail: string;
  instance: string;
  field?: string;
}

/**
 * The response is an RFC 9457 refusal with exactly these fields, plus the type and title every Inlet service
 * derives from them (https://inlet.dev/problems/<code in kebab case>, the status's reason phrase).
 */
export function expectProblem(response: LightMyRequestResponse, problem: ExpectedProblem): void {
  expect(response.statusCode).toBe(problem.status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const { status, code, detail, instance, field } = problem;
  expect(response.json()).toEqual({
    type: `https://inlet.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: titles[status],
    status,
    detail,
    code,
    instance,
    ...(field !== undefined ? { field } : {}),
  });
}
