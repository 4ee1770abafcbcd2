import { describe, expect, it } from 'vitest';
import {
  createEventCodec,
  dataJsonSchema,
  EmbeddedRegistry,
  EventValidationError,
  eventTypes,
  type EventType,
  type InletEvent,
} from '../src/index.js';
import { jsonSchemaAccepts } from './support/json-schema-check.js';
import { sampleEvents } from './support/sample-events.js';

const codec = createEventCodec({ registry: new EmbeddedRegistry() });
const types = Object.keys(eventTypes) as EventType[];

async function codecAccepts(type: EventType, data: unknown): Promise<boolean> {
  const event = { ...sampleEvents[type], data } as InletEvent;
  return codec.encode(event).then(
    () => true,
    (error: unknown) => {
      if (error instanceof EventValidationError) return false;
      throw error;
    },
  );
}

/** Data variants around a valid sample: each field wrong in the ways a webhook gets it wrong. */
function variants(data: Record<string, unknown>): Record<string, unknown>[] {
  const wrongValues: unknown[] = [null, '', 'text', 0, -1, 1.5, 2 ** 31, 2 ** 53, true, [], {}, ['x'], [{}]];
  const out: Record<string, unknown>[] = [data, { ...data, unexpected: 'x' }];
  for (const [name, value] of Object.entries(data)) {
    const { [name]: _, ...without } = data;
    out.push(without);
    for (const wrong of wrongValues) out.push({ ...data, [name]: wrong });
    if (Array.isArray(value) && value.length > 0) {
      const [first] = value as unknown[];
      if (first !== null && typeof first === 'object') {
        for (const [inner] of Object.entries(first)) {
          const { [inner]: _i, ...itemWithout } = first as Record<string, unknown>;
          out.push({ ...data, [name]: [itemWithout] });
          for (const wrong of wrongValues) out.push({ ...data, [name]: [{ ...first, [inner]: wrong }] });
        }
        out.push({ ...data, [name]: [{ ...first, unexpected: 1 }] });
      }
    }
  }
  return out;
}

describe('dataJsonSchema', () => {
  it('describes GradeChange as the Avro record does', () => {
    expect(dataJsonSchema('grade.created')).toMatchObject({
      type: 'object',
      title: 'GradeChange',
      additionalProperties: false,
      required: ['userId', 'resourceLinkId'],
      properties: {
        gradeId: { type: ['string', 'null'] },
        userId: { type: 'string', minLength: 1, description: 'The graded learner.' },
        score: { type: ['number', 'null'] },
      },
    });
    expect(dataJsonSchema('grade.created').properties?.gradeId?.minLength).toBeUndefined();
  });

  it('maps longs, ints, enums, arrays and nested records', () => {
    const payment = dataJsonSchema('payment.success').properties;
    expect(payment?.amount).toMatchObject({ type: 'integer', maximum: 9007199254740990 });
    expect(payment?.amountRefunded).toMatchObject({ type: ['integer', 'null'] });
    expect(dataJsonSchema('assessment.submitted').properties?.attempt).toMatchObject({
      type: ['integer', 'null'],
      maximum: 2147483647,
    });
    expect(dataJsonSchema('member.added').properties?.roles).toMatchObject({
      type: 'array',
      items: { type: 'string' },
    });
    const behavior = dataJsonSchema('user.behavior').properties?.events;
    expect(behavior).toMatchObject({
      type: 'array',
      items: {
        type: 'object',
        title: 'BehaviorItem',
        additionalProperties: false,
        required: ['type', 'element', 'occurredAt'],
        properties: { type: { type: 'string', enum: ['click', 'view', 'interaction'] } },
      },
    });
  });

  it.each(types)('%s: accepts exactly what the codec accepts', async (type) => {
    const schema = dataJsonSchema(type);
    const cases = variants(sampleEvents[type].data as unknown as Record<string, unknown>);
    let rejected = 0;
    for (const data of cases) {
      const json = jsonSchemaAccepts(schema, data);
      expect(json, `JSON Schema vs codec on ${JSON.stringify(data)}`).toBe(await codecAccepts(type, data));
      if (!json) rejected++;
    }
    expect(jsonSchemaAccepts(schema, sampleEvents[type].data)).toBe(true);
    expect(rejected).toBeGreaterThan(0);
  });
});
