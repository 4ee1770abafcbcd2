/** How a malformed generic payload is refused: the field named, never its value. */
import { describe, expect, it } from 'vitest';
import { normalizeCommerce, normalizeLti, normalizeService } from '../../src/normalize/index.js';
import { expectNormalizeError, withValue } from './helpers.js';

describe('generic validation', () => {
  it('names the field and the problem for a wrong type', () => {
    expectNormalizeError(() => normalizeLti(withValue('generic/grade.updated.json', '/data/score', '85')), {
      code: 'INLET_INVALID_EVENT',
      statusCode: 422,
      field: '/data/score',
      message: '/data/score must be number',
    });
  });

  it('names a missing field', () => {
    expectNormalizeError(
      () => normalizeLti(withValue('generic/grade.updated.json', '/data/userId', undefined)),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/userId',
        message: '/data/userId is required',
      },
    );
  });

  it('refuses empty ids', () => {
    expectNormalizeError(
      () => normalizeLti(withValue('generic/grade.updated.json', '/data/resourceLinkId', '')),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/resourceLinkId',
        message: '/data/resourceLinkId must not be empty',
      },
    );
  });

  it('refuses a timestamp without a time zone', () => {
    expectNormalizeError(
      () => normalizeLti(withValue('generic/grade.updated.json', '/data/timestamp', '2024-01-01T12:00:00')),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/timestamp',
        message: '/data/timestamp must be an RFC 3339 date-time with a time zone',
      },
    );
  });

  it('requires type and data', () => {
    expectNormalizeError(() => normalizeLti({ data: {} }), {
      code: 'INLET_INVALID_EVENT',
      field: '/type',
      message: '/type is required',
    });
    expectNormalizeError(() => normalizeLti({ type: 'grade.updated' }), {
      code: 'INLET_INVALID_EVENT',
      field: '/data',
      message: '/data is required',
    });
    expectNormalizeError(() => normalizeLti({ type: 'grade.updated', data: [] }), {
      code: 'INLET_INVALID_EVENT',
      field: '/data',
      message: '/data must be object',
    });
  });

  it('answers 400 for a body that is not a JSON object', () => {
    for (const body of [null, [], 'grade.updated', 42, true]) {
      expectNormalizeError(() => normalizeLti(body), { code: 'INLET_INVALID_EVENT', statusCode: 400 });
      expectNormalizeError(() => normalizeService(body), { code: 'INLET_INVALID_EVENT', statusCode: 400 });
      expectNormalizeError(() => normalizeCommerce(body), { code: 'INLET_INVALID_EVENT', statusCode: 400 });
    }
  });

  it('never puts body values into the message', () => {
    const secretish = 'ada.lovelace@example.com';
    for (const [field, value] of [
      ['/data/score', secretish],
      ['/data/userId', 12345],
      ['/data/timestamp', secretish],
      ['/data/roles', secretish],
    ] as const) {
      const fixtureName =
        field === '/data/roles' ? 'generic/member.added.json' : 'generic/grade.updated.json';
      const error = expectNormalizeError(() => normalizeLti(withValue(fixtureName, field, value)), {
        code: 'INLET_INVALID_EVENT',
        field,
      });
      expect(error.message).not.toContain(String(value));
    }
  });

  it('ignores extra fields a sender adds', () => {
    const payload = withValue('generic/member.added.json', '/data/section', 'A');
    payload.signature = 'sha256=ignored';
    expect(normalizeLti(payload).type).toBe('member.added');
  });
});
