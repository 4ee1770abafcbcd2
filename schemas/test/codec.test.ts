import { describe, expect, it } from 'vitest';
import {
  createEventCodec,
  EmbeddedRegistry,
  EventValidationError,
  eventTypes,
  fingerprintSchemaId,
  latestVersion,
  schemaVersions,
  SchemaRegistryError,
  UndecodableEventError,
  type EventType,
  type InletEvent,
  type SchemaRegistry,
} from '../src/index.js';
import { allSampleEvents, sampleEvents } from './support/sample-events.js';

const codec = createEventCodec({ registry: new EmbeddedRegistry() });

/** The rejection of a promise that must reject. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

/** An event with one field of its data replaced, for invalid cases the types would not allow. */
function withData(event: InletEvent, data: Record<string, unknown>): InletEvent {
  return { ...event, data: { ...event.data, ...data } } as unknown as InletEvent;
}

describe('encode and decode', () => {
  it.each(allSampleEvents.map((event) => [event.type, event] as const))(
    'round-trips a %s event in the Confluent wire format',
    async (type, event) => {
      const encoded = await codec.encode(event);
      const topic = `inlet.${eventTypes[type].service}.v1`;
      expect(encoded.topic).toBe(topic);
      expect(encoded.schemaId).toBe(fingerprintSchemaId(latestVersion(schemaVersions(), topic).schema));
      expect(encoded.value[0]).toBe(0);
      expect(encoded.value.readInt32BE(1)).toBe(encoded.schemaId);

      const decoded = await codec.decode(encoded.value, encoded.topic);
      expect(decoded).toStrictEqual(event);
      // Times stay epoch-ms numbers (no Date), records are plain objects.
      expect(typeof decoded.occurredAt).toBe('number');
      expect(Object.getPrototypeOf(decoded.data)).toBe(Object.prototype);
    },
  );

  it('has a sample of every canonical type', () => {
    expect(Object.keys(sampleEvents).sort()).toEqual(Object.keys(eventTypes).sort());
  });

  it('decodes without a topic, and from retry and DLQ topics, with the main topic schema', async () => {
    const { value } = await codec.encode(sampleEvents['payment.refunded']);
    for (const topic of [undefined, 'payments.retry.2000', 'payments.dlq', 'some.other.topic']) {
      await expect(codec.decode(value, topic)).resolves.toStrictEqual(sampleEvents['payment.refunded']);
    }
  });

  it('decodes with another codec instance (another process computes the same ids)', async () => {
    const { value } = await codec.encode(sampleEvents['user.behavior']);
    const other = createEventCodec({ registry: new EmbeddedRegistry() });
    await expect(other.decode(value)).resolves.toStrictEqual(sampleEvents['user.behavior']);
  });

  it('lets a writer leave nullable fields out: they decode as null', async () => {
    const { gradeId: _g, contextId: _c, comment: _m, ...required } = sampleEvents['grade.created'].data;
    const partial = { ...sampleEvents['grade.created'], data: required } as unknown as InletEvent;
    const decoded = await codec.decode((await codec.encode(partial)).value);
    expect(decoded.data).toMatchObject({ gradeId: null, contextId: null, comment: null, userId: '4411' });
  });

  it('keeps values large enough to need more than one encode buffer intact', async () => {
    const body = 'x'.repeat(1024 * 1024);
    const event = withData(sampleEvents['content.created'], { body });
    const decoded = await codec.decode((await codec.encode(event)).value);
    expect((decoded.data as { body: string }).body).toBe(body);
  });
});

describe('undecodable values', () => {
  async function undecodable(value: Buffer, topic?: string): Promise<UndecodableEventError> {
    const error = await rejectionOf(codec.decode(value, topic));
    expect(error).toBeInstanceOf(UndecodableEventError);
    const undecodableError = error as UndecodableEventError;
    expect(undecodableError.code).toBe('INLET_EVENT_UNDECODABLE');
    expect(undecodableError.retryable).toBe(false);
    return undecodableError;
  }

  it('rejects an unknown schema id', async () => {
    const { value } = await codec.encode(sampleEvents['grade.created']);
    const unknown = Buffer.from(value);
    unknown.writeInt32BE(123_456_789, 1);
    expect((await undecodable(unknown)).schemaId).toBe(123_456_789);
  });

  it('rejects a wrong magic byte, a short header and garbage', async () => {
    const { value } = await codec.encode(sampleEvents['grade.created']);
    const wrongMagic = Buffer.from(value);
    wrongMagic[0] = 1;
    await undecodable(wrongMagic);
    await undecodable(Buffer.from([0, 0, 0]));
    await undecodable(Buffer.alloc(0));
    await undecodable(Buffer.from('{"type":"grade.created","data":{}}'));
    await undecodable(Buffer.from('not avro at all, just some text bytes'));
  });

  it('rejects truncated bytes and bytes after the body', async () => {
    const { value, topic } = await codec.encode(sampleEvents['member.added']);
    for (const length of [5, 6, 20, value.length - 1]) {
      await undecodable(value.subarray(0, length), topic);
    }
    await undecodable(Buffer.concat([value, Buffer.from([0, 1, 2])]), topic);
  });

  it('rejects a known schema id followed by random bytes, quickly', async () => {
    const { value } = await codec.encode(sampleEvents['user.behavior']);
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const started = performance.now();
    for (let i = 0; i < 300; i++) {
      const garbage = Buffer.from(value.subarray(0, 5 + Math.floor(random() * (value.length - 5))));
      for (let j = 5; j < garbage.length; j++) if (random() < 0.3) garbage[j] = Math.floor(random() * 256);
      // Random bytes may happen to form a valid event; anything else must be an UndecodableEventError.
      await codec
        .decode(garbage)
        .catch((error: unknown) => expect(error).toBeInstanceOf(UndecodableEventError));
    }
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('rejects values of one topic read as another', async () => {
    const { value } = await codec.encode(sampleEvents['grade.created']);
    await undecodable(value, 'inlet.payments.v1');
  });

  it('treats a registry outage as retryable, not undecodable', async () => {
    const { value } = await codec.encode(sampleEvents['grade.created']);
    const down: SchemaRegistry = {
      idFor: () => Promise.reject(new SchemaRegistryError('down')),
      schemaById: () => Promise.reject(new SchemaRegistryError('schema registry did not answer')),
    };
    const error = await rejectionOf(createEventCodec({ registry: down }).decode(value));
    expect(error).toBeInstanceOf(SchemaRegistryError);
    expect((error as SchemaRegistryError).retryable).toBe(true);
  });
});

describe('validation on encode', () => {
  async function invalid(event: unknown): Promise<EventValidationError> {
    const error = await rejectionOf(codec.encode(event as InletEvent));
    expect(error).toBeInstanceOf(EventValidationError);
    const validationError = error as EventValidationError;
    expect(validationError.code).toBe('INLET_EVENT_INVALID');
    expect(validationError.retryable).toBe(false);
    return validationError;
  }

  it('names a field of the wrong type', async () => {
    const error = await invalid(withData(sampleEvents['grade.created'], { score: '17.5' }));
    expect(error.field).toBe('data.score');
    expect(error.message).toBe('invalid event: data.score must be null or a number, got a string');
  });

  it('names a missing field', async () => {
    const { userId: _, ...data } = sampleEvents['grade.created'].data;
    const error = await invalid({ ...sampleEvents['grade.created'], data });
    expect(error.field).toBe('data.userId');
    expect(error.message).toMatch(/is required/);
  });

  it('names a missing or wrong envelope field', async () => {
    const { receivedAt: _, ...event } = sampleEvents['course.completed'];
    expect((await invalid(event)).field).toBe('receivedAt');
    expect((await invalid({ ...sampleEvents['course.completed'], occurredAt: new Date() })).field).toBe(
      'occurredAt',
    );
    expect((await invalid({ ...sampleEvents['course.completed'], eventId: 7 })).field).toBe('eventId');
  });

  it('names fields inside arrays and enums', async () => {
    const behavior = sampleEvents['user.behavior'];
    const events = behavior.data.events.map((item, index) =>
      index === 1 ? { ...item, type: 'scroll' } : item,
    );
    const error = await invalid(withData(behavior, { events }));
    expect(error.field).toBe('data.events[1].type');
    expect(error.message).toMatch(/one of click, view, interaction/);
    expect((await invalid(withData(sampleEvents['member.added'], { roles: ['a', 3] }))).field).toBe(
      'data.roles[1]',
    );
  });

  it('rejects money that is not a whole number and ints beyond 32 bits', async () => {
    expect((await invalid(withData(sampleEvents['payment.success'], { amount: 49.99 }))).field).toBe(
      'data.amount',
    );
    expect((await invalid(withData(sampleEvents['assessment.submitted'], { attempt: 2 ** 31 }))).field).toBe(
      'data.attempt',
    );
  });

  it('rejects fields the schema does not declare, and undefined where null belongs', async () => {
    const extra = await invalid(withData(sampleEvents['grade.created'], { grader: 'someone' }));
    expect(extra.field).toBe('data.grader');
    expect((await invalid({ ...sampleEvents['grade.created'], tenant: 'x' })).field).toBe('tenant');
    expect((await invalid(withData(sampleEvents['grade.created'], { userId: undefined }))).field).toBe(
      'data.userId',
    );
  });

  it('rejects empty ids', async () => {
    expect((await invalid(withData(sampleEvents['payment.success'], { paymentId: '' }))).field).toBe(
      'data.paymentId',
    );
    expect((await invalid({ ...sampleEvents['payment.success'], eventId: '' })).field).toBe('eventId');
  });

  it('rejects an unknown type and data that is not an object', async () => {
    expect((await invalid({ ...sampleEvents['grade.created'], type: 'grade.exploded' })).field).toBe('type');
    expect((await invalid(null)).field).toBe('');
    const error = await invalid({ ...sampleEvents['grade.created'], data: 'x' });
    expect(error.field).toBe('data');
    expect(error.message).toMatch(/GradeChange record/);
  });

  it('never puts the offending value in the error', async () => {
    const secret = 'sk_live_51HxSECRETSECRETSECRET';
    const errors = [
      await invalid(withData(sampleEvents['payment.success'], { amount: secret })),
      await invalid(withData(sampleEvents['payment.success'], { [secret]: 1 })),
      await invalid({ ...sampleEvents['payment.success'], type: secret }),
    ];
    for (const error of errors) {
      expect(`${error.message} ${error.field} ${JSON.stringify(error)}`).not.toContain('SECRET');
    }
  });
});

describe('cost', () => {
  it('encodes and decodes in microseconds once warm (types, ids and resolvers are cached)', async () => {
    const event = sampleEvents['grade.created'];
    const rounds = 2_000;
    const started = performance.now();
    for (let i = 0; i < rounds; i++) {
      await codec.decode((await codec.encode(event)).value);
    }
    const perRoundTrip = (performance.now() - started) / rounds;
    // A generous bound that still catches re-parsing schemas or re-building resolvers per call (~ms each).
    expect(perRoundTrip).toBeLessThan(0.5);
  });
});

describe('every type maps onto its topic schema', () => {
  it.each(Object.keys(eventTypes) as EventType[])('%s', async (type) => {
    const { topic } = await codec.encode(sampleEvents[type]);
    expect(topic).toBe(`inlet.${eventTypes[type].service}.v1`);
  });
});
