import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { EventValidationError } from '@inlet/schemas';
import { problemDetails, type CodedError } from '@inlet/service-kit';
import { eventInvalid } from '../src/plugins/event-invalid.js';

// A value the normalizers let through but the event's Avro schema cannot hold is the sender's fault: 422 with
// the field, never a 500. The translation is checked on its own here (every known gap of that kind is closed
// in the normalizers, so no real webhook reaches it today).
describe('eventInvalid', () => {
  it('answers a refused Avro encode with 422 problem+json naming the event field', async () => {
    const app = Fastify();
    await app.register(problemDetails, { translate: (error: CodedError) => eventInvalid(error) });
    app.post('/encode', async () => {
      throw new EventValidationError('data.score', 'must be a double');
    });
    const response = await app.inject({ method: 'POST', url: '/encode' });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: 'INLET_EVENT_INVALID',
      field: 'data.score',
      detail: 'invalid event: data.score must be a double',
    });
  });

  it('leaves every other error alone', () => {
    expect(eventInvalid({ code: 'INLET_PRODUCE_TIMEOUT', message: 'x' })).toBeUndefined();
  });
});
