import { unmappedTopic } from '@inlet/topics';
import { describe, expect, it } from 'vitest';
import {
  createEventCodec,
  createUnmappedCodec,
  EmbeddedRegistry,
  EventValidationError,
  UndecodableEventError,
  type UnmappedWebhook,
} from '../src/index.js';
import { sampleEvents } from './support/sample-events.js';

const registry = new EmbeddedRegistry();
const codec = createUnmappedCodec({ registry });

const record: UnmappedWebhook = {
  eventId: '0b5c8a52-3f5e-8a6b-9c1d-2e3f4a5b6c7d',
  source: 'stripe-prod',
  family: 'commerce',
  sourceEventName: 'customer.created',
  internalEventType: null,
  payload: '{"id":"evt_1","object":"event","type":"customer.created"}',
  receivedAt: Date.parse('2026-11-01T10:00:00Z'),
};

describe('the unmapped codec', () => {
  it('round-trips an unmapped webhook in the Confluent wire format, on inlet.unmapped.v1', async () => {
    const encoded = await codec.encode(record);
    expect(encoded.topic).toBe(unmappedTopic);
    expect(encoded.value[0]).toBe(0);
    expect(encoded.value.readInt32BE(1)).toBe(encoded.schemaId);
    expect(await codec.decode(encoded.value)).toEqual(record);
  });

  it('refuses a record that does not fit, naming the field and not the value', async () => {
    const bad = { ...record, receivedAt: 'yesterday' } as unknown as UnmappedWebhook;
    const error = await codec.encode(bad).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EventValidationError);
    expect((error as EventValidationError).field).toBe('receivedAt');
    expect(String(error)).not.toContain('yesterday');
    await expect(codec.encode({ ...record, family: 'billing' as 'lti' })).rejects.toMatchObject({
      field: 'family',
    });
  });

  it('does not read an Inlet event as an unmapped webhook, nor the event codec an unmapped one', async () => {
    const event = await createEventCodec({ registry }).encode(sampleEvents['grade.updated']);
    await expect(codec.decode(event.value)).rejects.toBeInstanceOf(UndecodableEventError);
    const unmapped = await codec.encode(record);
    await expect(createEventCodec({ registry }).decode(unmapped.value)).rejects.toBeInstanceOf(
      UndecodableEventError,
    );
  });
});
