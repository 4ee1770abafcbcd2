// Valid events of every route and the ways to break them: the bodies a correctly signed hostile request carries.
import fc from 'fast-check';
import { bodyLimit, type Family, type HostileRequest } from './hostile-sources.js';

type Json = Record<string, unknown>;

interface ValidEvent {
  body: () => Json;
  /** Data fields the event cannot do without. */
  required: string[];
  /** Whether the fields sit in `data` (an envelope) or at the root (the internal route's bare data). */
  inData: boolean;
  /** A field no huge, negative or fractional number is valid in. */
  numeric: string;
  /** Where a deeply nested object is refused: a free-form object past its bound, or an id's place. */
  deep: string;
}

/** A valid event of a type each route accepts, and where each kind of breakage goes. */
export const validEvents: Record<Family, ValidEvent[]> = {
  lti: [
    {
      body: () => ({
        type: 'grade.updated',
        data: {
          userId: 'user-1',
          resourceLinkId: 'link-1',
          score: 8,
          maxScore: 10,
          timestamp: '2026-11-23T12:00:00Z',
        },
      }),
      required: ['userId', 'resourceLinkId', 'score', 'maxScore'],
      inData: true,
      numeric: 'userId',
      deep: 'score',
    },
  ],
  services: [
    {
      body: () => ({
        type: 'user.behavior',
        data: {
          userId: 'user-1',
          sessionId: 'session-1',
          events: [{ type: 'view', element: 'lesson:1', timestamp: '2026-11-23T12:00:00Z' }],
        },
      }),
      required: ['userId', 'sessionId', 'events'],
      inData: true,
      numeric: 'sessionId',
      deep: 'events/0/metadata',
    },
    {
      body: () => ({
        type: 'transcription.completed',
        data: {
          jobId: 'job-1',
          videoId: 'video-1',
          transcriptionUrl: 'https://media.example.com/video-1.vtt',
          confidence: 0.9,
          duration: 12.5,
          timestamp: '2026-11-23T12:00:00Z',
        },
      }),
      required: ['jobId', 'videoId', 'transcriptionUrl', 'confidence', 'duration'],
      inData: true,
      numeric: 'confidence',
      deep: 'videoId',
    },
  ],
  commerce: [
    {
      body: () => ({
        type: 'payment.success',
        data: {
          paymentId: 'pay-1',
          amount: 4900,
          currency: 'usd',
          userId: 'user-1',
          timestamp: '2026-11-23T12:00:00Z',
        },
      }),
      required: ['paymentId', 'amount', 'currency'],
      inData: true,
      numeric: 'amount',
      deep: 'paymentId',
    },
  ],
  internal: [
    {
      body: () => ({
        linkId: 'dl-1',
        resourceType: 'assessment',
        contextId: 'course-1',
        createdBy: 'teacher-1',
        configuration: { title: 'Quiz' },
        timestamp: '2026-11-23T12:00:00Z',
      }),
      required: ['linkId', 'resourceType', 'contextId', 'createdBy', 'configuration'],
      inData: false,
      numeric: 'linkId',
      deep: 'configuration',
    },
  ],
};

/** JSON text of an object nested `levels` deep, written without JSON.stringify (which throws past ~10k). */
const nestedText = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;

/** A value no field of these events accepts where a string, a number or a list belongs. */
const wrongTyped = fc.oneof(
  fc.boolean(),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
);

const invalidDate = fc.oneof(
  fc.constantFrom(
    'not a date',
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-23T25:00:00Z',
    '2026-11-23',
    '0000-00-00T00:00:00Z',
    '+275760-09-13T00:00:00.001Z',
    '',
  ),
  fc.integer(),
  // No NaN or Infinity: JSON writes them as null, and a null timestamp is a valid absent one.
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Numbers the `numeric` fields refuse; 1e400 is written as such (JSON.parse reads it as Infinity). */
const hugeNumber = fc.constantFrom('1e400', '-1e300', '18446744073709551616', '1.5', '-0.5');

const marker = '"@hostile@"';

/** What breaks an otherwise valid event: each yields JSON text the route must refuse with 422. */
function brokenEvent(family: Family): fc.Arbitrary<{ kind: string; body: string }> {
  const unknownFields = fc.dictionary(
    fc.string().filter((key) => !['type', 'data', 'id', 'timestamp', '__proto__'].includes(key)),
    fc.jsonValue(),
    { maxKeys: 3 },
  );
  return fc
    .tuple(fc.constantFrom(...validEvents[family]), fc.nat(), unknownFields)
    .chain(([event, pick, extra]) => {
      const field = event.required[pick % event.required.length]!;
      /** The event with unknown fields added and `mutate` applied; `replacement` replaces the marker value. */
      const build = (kind: string, mutate: (data: Json) => void, replacement?: string) => {
        const body = event.body();
        const data = event.inData ? (body.data as Json) : body;
        Object.assign(data, extra);
        mutate(data);
        const text = JSON.stringify(body);
        return { kind, body: replacement === undefined ? text : text.replace(marker, replacement) };
      };
      const setMarker = (path: string) => (data: Json) => {
        const [head, index, leaf] = path.split('/');
        if (leaf !== undefined) ((data[head!] as Json[])[Number(index)] as Json)[leaf] = JSON.parse(marker);
        else data[head!] = JSON.parse(marker);
      };
      return fc.oneof(
        fc.constant(null).map(() => build('missing required field', (data) => delete data[field])),
        wrongTyped
          .filter((value) => field !== 'configuration' || Array.isArray(value) || typeof value !== 'object')
          .map((value) => build('wrong type', (data) => (data[field] = value))),
        invalidDate.map((value) => build('invalid date', (data) => (data.timestamp = value))),
        hugeNumber.map((number) => build('huge number', setMarker(event.numeric), number)),
        fc
          .integer({ min: 66, max: 20_000 })
          .map((levels) => build('deep nesting', setMarker(event.deep), nestedText(levels))),
      );
    });
}

/** A signed request whose body is refused: not JSON, not an object, broken, empty, too big, of another type. */
export function signedHostileBody(family: Family): fc.Arbitrary<Omit<HostileRequest, 'path' | 'headers'>> {
  const json = 'application/json';
  return fc.oneof(
    fc
      .string()
      .filter((text) => {
        try {
          JSON.parse(text);
          return false;
        } catch {
          return true;
        }
      })
      .map((body) => ({ family, kind: 'not JSON', contentType: json, body })),
    fc
      .oneof(fc.jsonValue(), fc.array(fc.jsonValue()))
      .filter((value) => typeof value !== 'object' || value === null || Array.isArray(value))
      .map((value) => ({ family, kind: 'JSON non-object', contentType: json, body: JSON.stringify(value) })),
    // Most of the weight: broken events are where a lenient mapper would let something through.
    {
      weight: 6,
      arbitrary: brokenEvent(family).map(({ kind, body }) => ({ family, kind, contentType: json, body })),
    },
    fc.constant({ family, kind: 'empty body', contentType: json, body: '' }),
    fc.integer({ min: bodyLimit + 1, max: bodyLimit * 2 }).map((size) => ({
      family,
      kind: 'oversized',
      contentType: json,
      body: `{"type":"grade.updated","pad":"${'x'.repeat(size)}"}`,
    })),
    fc
      .tuple(
        fc.constantFrom(
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded',
          'image/png',
          'text/html',
        ),
        brokenEvent(family),
      )
      .map(([contentType, { body }]) => ({ family, kind: 'wrong content-type', contentType, body })),
  );
}
