import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { NormalizeError } from '../../src/normalize/index.js';

const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** A fresh copy of a fixture each call, so a test may change it freely. */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${fixturesDir}${name}`, 'utf8')) as Record<string, unknown>;
}

/** A fixture with one nested value replaced (or removed when `value` is undefined); `path` as in a JSON pointer. */
export function withValue(name: string, path: string, value: unknown): Record<string, unknown> {
  const payload = fixture(name);
  const keys = path.split('/').slice(1);
  const last = keys.pop() as string;
  let target = payload as Record<string, unknown>;
  for (const key of keys) target = target[key] as Record<string, unknown>;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return payload;
}

export function normalizeErrorOf(run: () => unknown): NormalizeError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(NormalizeError);
    return error as NormalizeError;
  }
  throw new Error('expected a NormalizeError, but normalizing succeeded');
}

export function expectNormalizeError(
  run: () => unknown,
  expected: {
    code: NormalizeError['code'];
    field?: string;
    statusCode?: 400 | 422;
    message?: string | RegExp;
  },
): NormalizeError {
  const error = normalizeErrorOf(run);
  expect(error.code).toBe(expected.code);
  expect(error.statusCode).toBe(expected.statusCode ?? 422);
  if ('field' in expected) expect(error.field).toBe(expected.field);
  if (expected.message !== undefined) expect(error.message).toMatch(expected.message);
  return error;
}
