// Generators of hostile webhook requests for test/e2e/hostile-requests.e2e.test.ts: the sources of one run,
// how each family's sender signs, valid events of every route and the ways to break them, hostile URLs.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { SignJWT } from 'jose';

export type Family = 'lti' | 'services' | 'commerce' | 'internal';
export const families: readonly Family[] = ['lti', 'services', 'commerce', 'internal'];

// Room for the deepest generated nesting (6 bytes a level); oversized bodies go past it.
export const bodyLimit = 262_144;

// Source ids of this run only, so a record on a topic can be told apart from other tests' records.
export const run = randomBytes(4).toString('hex');
export const sourceOf: Record<Family, string> = {
  lti: `hostile-lti-${run}`,
  services: `hostile-service-${run}`,
  commerce: `hostile-stripe-${run}`,
  internal: `hostile-platform-${run}`,
};
export const secrets = {
  HOSTILE_LTI: 'hostile-lti-secret',
  HOSTILE_SERVICE: 'hostile-service-api-key',
  HOSTILE_STRIPE: 'whsec_hostile_stripe_secret',
  HOSTILE_PLATFORM: 'hostile-platform-jwt-secret-of-32-bytes!',
};
// Rate limits far above the request count: this test is about refusals, not budgets.
export const sourcesFile = `sources:
  - id: ${sourceOf.lti}
    family: lti
    auth: { scheme: hmac, secrets: [{ env: HOSTILE_LTI }] }
    rateLimit: { max: 1000000, windowSeconds: 60 }
  - id: ${sourceOf.services}
    family: services
    auth: { scheme: api-key, secrets: [{ env: HOSTILE_SERVICE }] }
    rateLimit: { max: 1000000, windowSeconds: 60 }
  - id: ${sourceOf.commerce}
    family: commerce
    auth: { scheme: stripe, secrets: [{ env: HOSTILE_STRIPE }] }
    rateLimit: { max: 1000000, windowSeconds: 60 }
  - id: ${sourceOf.internal}
    family: internal
    auth: { scheme: jwt, issuer: hostile-platform, audience: inlet, algorithms: [HS256], secrets: [{ env: HOSTILE_PLATFORM }] }
    rateLimit: { max: 1000000, windowSeconds: 60 }
`;

export interface HostileRequest {
  family: Family;
  /** Which kind of hostility, for the tally. */
  kind: string;
  path: string;
  /** undefined: sign it correctly for the family; otherwise exactly these headers. */
  headers?: Record<string, string>;
  contentType: string;
  body: string;
}

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

async function jwtFor(overrides: { secret?: string; audience?: string; expired?: boolean } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('hostile-platform')
    .setAudience(overrides.audience ?? 'inlet')
    .setJti(randomUUID())
    .setIssuedAt(overrides.expired ? now - 3600 : now)
    .setExpirationTime(overrides.expired ? now - 1800 : now + 300)
    .sign(new TextEncoder().encode(overrides.secret ?? secrets.HOSTILE_PLATFORM));
}

/** The headers a real sender of the family would send for `body`. */
async function signed(family: Family, body: string): Promise<Record<string, string>> {
  switch (family) {
    case 'lti':
      return { 'x-webhook-signature': `sha256=${hmac(secrets.HOSTILE_LTI, body)}` };
    case 'services':
      return { 'x-api-key': secrets.HOSTILE_SERVICE };
    case 'commerce': {
      const t = Math.floor(Date.now() / 1000);
      return { 'stripe-signature': `t=${t},v1=${hmac(secrets.HOSTILE_STRIPE, `${t}.${body}`)}` };
    }
    case 'internal':
      return { authorization: `Bearer ${await jwtFor()}` };
  }
}

/** Wrong credentials of every shape: absent, malformed, another secret, out of their time window. */
const badCredentials = (
  family: Family,
  body: string,
): fc.Arbitrary<() => Promise<Record<string, string>>> => {
  const now = Math.floor(Date.now() / 1000);
  const constant = (headers: Record<string, string>) => fc.constant(async () => headers);
  switch (family) {
    case 'lti':
      return fc.oneof(
        constant({}),
        constant({ 'x-webhook-signature': `sha256=${hmac('another-secret', body)}` }),
        fc.string().map((text) => async () => ({ 'x-webhook-signature': text.replace(/[\r\n]/g, '') })),
        constant({ 'x-webhook-signature': `md5=${hmac(secrets.HOSTILE_LTI, body).slice(0, 32)}` }),
      );
    case 'services':
      return fc.oneof(
        constant({}),
        fc
          .string({ minLength: 1 })
          .filter((key) => key !== secrets.HOSTILE_SERVICE)
          .map((key) => async () => ({ 'x-api-key': key.replace(/[\r\n]/g, '') })),
        constant({ 'x-api-key': `${secrets.HOSTILE_SERVICE}x` }),
      );
    case 'commerce':
      return fc.oneof(
        constant({}),
        constant({ 'stripe-signature': `t=${now},v1=${hmac('whsec_other', `${now}.${body}`)}` }),
        constant({
          'stripe-signature': `t=${now - 3600},v1=${hmac(secrets.HOSTILE_STRIPE, `${now - 3600}.${body}`)}`,
        }),
        fc.string().map((text) => async () => ({ 'stripe-signature': text.replace(/[\r\n]/g, '') })),
      );
    case 'internal':
      return fc.oneof(
        constant({}),
        fc.constant(async () => ({ authorization: `Bearer ${await jwtFor({ secret: 'x'.repeat(40) })}` })),
        fc.constant(async () => ({ authorization: `Bearer ${await jwtFor({ audience: 'someone-else' })}` })),
        fc.constant(async () => ({ authorization: `Bearer ${await jwtFor({ expired: true })}` })),
        fc.string().map((text) => async () => ({ authorization: `Bearer ${text.replace(/[\r\n]/g, '')}` })),
      );
  }
};

// ---- bodies ---------------------------------------------------------------------------------------------------

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
const validEvents: Record<Family, ValidEvent[]> = {
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
function signedHostileBody(family: Family): fc.Arbitrary<Omit<HostileRequest, 'path' | 'headers'>> {
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

/** The family's URL naming `id` (%-encoded unless `raw`: then as it is, broken escapes and all). */
const routePath = (family: Family, id: string, raw = false) => {
  const text = raw ? id : encodeURIComponent(id);
  return family === 'lti'
    ? `/webhooks/lti/events?source=${text}`
    : family === 'services'
      ? `/webhooks/services/${text}`
      : family === 'commerce'
        ? `/api/webhooks/${text}`
        : `/webhooks/internal/${raw ? text : 'deep_link.created'}?source=${raw ? sourceOf.internal : text}`;
};

/** URL text the router cannot decode, or path parameters past its length limit. */
const brokenUrlPart = fc.constantFrom('%', '%zz', 'a%C0%80', '%E0%A4%A', 'x'.repeat(150), 'deep_link.%ZZ');

/** Ids that match the route's pattern but name no source here, and ids the pattern refuses. */
const unknownSource = fc
  .stringMatching(/^[a-z0-9][a-z0-9-]{0,62}$/)
  .filter((id) => !Object.values(sourceOf).includes(id));
const malformedSource = fc.oneof(
  fc.string({ minLength: 1 }).filter((id) => !/^[a-z0-9][a-z0-9-]{0,62}$/.test(id)),
  fc.constantFrom('UPPER', 'a'.repeat(64), '-leading', 'ünïcode', 'a b', '..', '%00', 'a/b', '\u0000'),
);

/** Query strings the LTI and internal routes must refuse: none, repeated, arrays, junk keys. */
const hostileQuery = (family: 'lti' | 'internal') =>
  fc
    .oneof(
      fc.constant(''),
      fc.constant(`?source=${sourceOf[family]}&source=${sourceOf[family]}`),
      fc.constant(`?source[]=${sourceOf[family]}`),
      fc.constant('?source='),
      fc.constant(`?source=${sourceOf[family]}%00`),
      fc.string().map((junk) => `?source=${encodeURIComponent(junk)}x%FF`),
    )
    .filter((query) => family === 'lti' || query !== '');

export function hostileRequest(family: Family): fc.Arbitrary<{ build: () => Promise<HostileRequest> }> {
  const base = routePath(family, sourceOf[family]);
  const json = 'application/json';
  const event = JSON.stringify(validEvents[family][0]!.body());
  const options: fc.Arbitrary<{ build: () => Promise<HostileRequest> }>[] = [
    // Unsigned or badly signed, with a body that would otherwise be accepted.
    badCredentials(family, event).map((headers) => ({
      build: async () => ({
        family,
        kind: 'bad credentials',
        path: base,
        headers: await headers(),
        contentType: json,
        body: event,
      }),
    })),
    // Correctly signed, hostile bodies (weighted in the end: they reach the parser and the normalizers).
    signedHostileBody(family).map((request) => ({
      build: async () => ({
        path: base,
        ...request,
        headers: await signed(family, request.body),
      }),
    })),
    // Sources that do not exist on this route, and ids the route's pattern refuses.
    fc
      .oneof(
        unknownSource.map((id) => ['unknown source', id]),
        malformedSource.map((id) => ['bad path param', id]),
      )
      .map(([kind, id]) => ({
        build: async () => ({
          family,
          kind: kind!,
          path: routePath(family, id!),
          headers: await signed(family, event),
          contentType: json,
          body: event,
        }),
      })),
  ];
  options.push(
    brokenUrlPart.map((raw) => ({
      build: async () => ({
        family,
        kind: 'broken URL',
        path: routePath(family, raw, true),
        headers: await signed(family, event),
        contentType: json,
        body: event,
      }),
    })),
  );
  if (family === 'lti' || family === 'internal') {
    options.push(
      hostileQuery(family).map((query) => ({
        build: async () => ({
          family,
          kind: 'bad query string',
          path:
            family === 'lti'
              ? `/webhooks/lti/events${query}`
              : `/webhooks/internal/deep_link.created${query}&x`,
          headers: {},
          contentType: json,
          body: event,
        }),
      })),
    );
  }
  if (family === 'internal') {
    options.push(
      fc
        .string()
        .filter((type) => !/^[a-z_]+(\.[a-z_]+)+$/.test(type))
        .map((type) => ({
          build: async () => ({
            family,
            kind: 'bad path param',
            path: `/webhooks/internal/${encodeURIComponent(type) || '%20'}?source=${sourceOf.internal}`,
            headers: await signed(family, event),
            contentType: json,
            body: event,
          }),
        })),
    );
  }
  return fc.oneof(...options.map((arbitrary, index) => ({ arbitrary, weight: index === 1 ? 5 : 1 })));
}
