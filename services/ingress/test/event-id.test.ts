import { describe, expect, it } from 'vitest';
import { eventIdFor } from '../src/pipeline/event-id.js';

describe('eventIdFor', () => {
  const body = Buffer.from('{"type":"grade.updated"}');

  it('is stable for the same sender id, whatever the body bytes', () => {
    expect(eventIdFor('stripe', 'evt_1', body)).toBe(
      eventIdFor('stripe', 'evt_1', Buffer.from('other bytes')),
    );
  });

  it('scopes sender ids by source', () => {
    expect(eventIdFor('stripe', 'evt_1', body)).not.toBe(eventIdFor('progress', 'evt_1', body));
  });

  it('hashes source and body when the sender has no id', () => {
    expect(eventIdFor('canvas', null, body)).toBe(eventIdFor('canvas', null, Buffer.from(body)));
    expect(eventIdFor('canvas', null, body)).not.toBe(eventIdFor('canvas', null, Buffer.from(`${body} `)));
  });

  it('looks like an RFC 9562 version 8 UUID', () => {
    expect(eventIdFor('canvas', null, body)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
