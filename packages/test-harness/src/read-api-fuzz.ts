import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

// Generated query strings and path parameters for every read route of a service, hostile and plain: each
// answer must be 200 or a 4xx the route documents, as problem+json with a code. Never a 5xx. A service
// names its routes, its plausible values and its cursors' real shapes; the hostility is shared.

/** A cursor carrying `position`, encoded as every read API encodes its own: base64url JSON. */
export const cursorOf = (position: unknown): string =>
  Buffer.from(JSON.stringify(position)).toString('base64url');

/** Numbers a cursor position may be forged with: beyond Date, timestamptz, int4, int8 and real. */
export const forgedNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(8.64e15, 8.64e15 + 1, -8.64e15, -6.2e13, 2 ** 31, 2 ** 53, 2 ** 63, 1e39, 1e-300, -1, 1.5),
);
/** Text a cursor position may be forged with: anything, and the U+0000 PostgreSQL text cannot hold. */
export const forgedText = fc.oneof(
  fc.string(),
  fc.string().map((text) => `${text}\u0000`),
);
export const forgedElement = fc.oneof(forgedNumber, forgedText, fc.jsonValue());

export interface ForgedCursorOptions {
  /** The longest position forged out of shape (an array of any elements). */
  maxElements?: number;
  /** Only JSON arrays: leave out any other JSON, bytes that are no JSON, and text that is no base64url. */
  onlyArrays?: boolean;
}

/**
 * Cursors forged in their real shape (each of `shapes` is a position's tuple, built from `forgedNumber`,
 * `forgedText`...: those get past the shape check to the query) and out of it.
 */
export function forgedCursor(
  shapes: fc.Arbitrary<unknown[]>[],
  { maxElements = 4, onlyArrays = false }: ForgedCursorOptions = {},
): fc.Arbitrary<string> {
  // Cursors in the service's own shape are the ones that get past decoding to the SQL casts, where the bugs
  // hide: they are drawn as often as every other kind together.
  const inShape = fc.oneof(...shapes.map((shape) => shape.map(cursorOf)));
  return fc.oneof(
    { weight: 4, arbitrary: inShape },
    fc.array(forgedElement, { maxLength: maxElements }).map(cursorOf),
    ...(onlyArrays
      ? []
      : [
          fc.jsonValue().map(cursorOf),
          fc.uint8Array({ maxLength: 48 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
          fc.string(),
        ]),
  );
}

/** A value in a URL; a `raw` one goes in as it is (broken escapes), a `text` one percent-encoded. */
type UrlValue = { text: string } | { raw: string };
const inUrl = (value: UrlValue) => ('raw' in value ? value.raw : encodeURIComponent(value.text));

/** Query and path values no sane client sends, among them any of the service's forged cursors. */
function hostileValues(forgedCursors: fc.Arbitrary<string>): fc.Arbitrary<UrlValue> {
  return fc.oneof(
    fc.string().map((text) => ({ text })),
    fc.string({ unit: 'grapheme' }).map((text) => ({ text })),
    fc
      .constantFrom(
        '',
        '\u0000',
        'NaN',
        '-1',
        '0',
        '1e309',
        '9007199254740993',
        '-9223372036854775809',
        '99999999999999999999',
        'null',
        '[]',
        '{}',
        '0000-01-01',
        '275760-09-14',
        '2026-02-30',
        'a'.repeat(300),
        '..',
      )
      .map((text) => ({ text })),
    fc.constantFrom('%00', '%FF', '%', '%zz', '%C0%80', 'a%00b').map((raw) => ({ raw })),
    fc.oneof(fc.integer(), fc.double()).map((n) => ({ text: String(n) })),
    forgedCursors.map((text) => ({ text })),
  );
}

/** A read route, its parameters by kind (the service's own: 'id', 'limit', 'cursor'...), and its statuses. */
export interface Route<Kind extends string = string> {
  path: string;
  params: Record<string, Kind>;
  query: Record<string, Kind>;
  /** Query parameters the route requires. */
  required?: string[];
  /** The statuses its schema documents. */
  statuses: number[];
}

/** What a service's URLs are made of. */
export interface UrlValues<Kind extends string> {
  /** Plausible values of each kind, as a client would send them. */
  plain: Record<Kind, fc.Arbitrary<string>>;
  /** The kinds that are cursors, each with its forgeries (`forgedCursor`). */
  forgedCursors: Partial<Record<Kind, fc.Arbitrary<string>>>;
}

type Pair = readonly [name: string, value: UrlValue];

function urlOf(route: Route, pathValues: Pair[], query: Pair[]): string {
  let path = route.path;
  for (const [name, value] of pathValues) path = path.replace(`:${name}`, inUrl(value));
  const search = query.map(([name, value]) => `${encodeURIComponent(name)}=${inUrl(value)}`).join('&');
  return search ? `${path}?${search}` : path;
}

/**
 * URLs for `route`: mostly a plausible request with ONE parameter made hostile (so the hostile value gets past
 * the others to the query), plus repeated and unknown parameters, plus URLs hostile throughout.
 */
export function readApiUrls<Kind extends string>(
  route: Route<Kind>,
  { plain, forgedCursors }: UrlValues<Kind>,
): fc.Arbitrary<string> {
  const cursors = Object.values(forgedCursors) as fc.Arbitrary<string>[];
  const hostileValue = hostileValues(cursors.length === 1 ? cursors[0]! : fc.oneof(...cursors));
  /** Hostile values, a cursor's mostly forged in its own shape (those reach the query). */
  const hostileOf = (kind: Kind): fc.Arbitrary<UrlValue> => {
    const forged = forgedCursors[kind];
    return forged
      ? fc.oneof({ weight: 3, arbitrary: forged.map((text) => ({ text })) }, hostileValue)
      : hostileValue;
  };

  const pathNames = Object.keys(route.params);
  const queryNames = Object.keys(route.query);
  const plausible = fc.tuple(
    fc.tuple(...pathNames.map((name) => plain[route.params[name]!].map((text): Pair => [name, { text }]))),
    fc.tuple(
      ...queryNames.map((name) => {
        const value = plain[route.query[name]!].map((text): Pair => [name, { text }]);
        return route.required?.includes(name)
          ? value.map((pair) => [pair])
          : fc.option(
              value.map((pair) => [pair]),
              { nil: [] },
            );
      }),
    ),
  );
  const victims = [
    ...pathNames.map((name) => ['path', name] as const),
    ...queryNames.map((name) => ['query', name] as const),
  ];
  const oneHostile = fc
    .tuple(plausible, fc.constantFrom(...victims))
    .chain(([[pathPairs, queryPairs], [where, victim]]) =>
      hostileOf(where === 'path' ? route.params[victim]! : route.query[victim]!).map((value) => {
        const swap = (pair: Pair): Pair => (pair[0] === victim ? [victim, value] : pair);
        const query = queryPairs.flat();
        const withVictim =
          where === 'query' && !query.some(([name]) => name === victim)
            ? [...query, [victim, value] as const]
            : query.map(swap);
        return urlOf(
          route,
          where === 'path' ? pathPairs.map(swap) : pathPairs,
          where === 'query' ? withVictim : query,
        );
      }),
    );
  const hostileQueryPair = fc.oneof(
    ...queryNames.map((name) => hostileOf(route.query[name]!).map((v): Pair => [name, v])),
    fc.tuple(fc.string(), hostileValue),
  );
  const extras = fc
    .tuple(plausible, fc.array(hostileQueryPair, { minLength: 1, maxLength: 3 }))
    .map(([[pathPairs, queryPairs], more]) => urlOf(route, pathPairs, [...queryPairs.flat(), ...more]));
  const throughout = fc
    .tuple(
      fc.tuple(...pathNames.map((name) => hostileOf(route.params[name]!).map((v): Pair => [name, v]))),
      fc.array(hostileQueryPair, { maxLength: 5 }),
    )
    .map(([pathPairs, query]) => urlOf(route, pathPairs, query));
  return fc.oneof(
    { weight: 4, arbitrary: oneHostile },
    { weight: 1, arbitrary: extras },
    { weight: 1, arbitrary: throughout },
  );
}

/** The part of a Fastify app (or anything answering like one) the fuzz needs; no dependency on Fastify. */
export interface InjectableApp {
  inject(request: { method: 'GET'; url: string }): PromiseLike<{
    statusCode: number;
    body: string;
    headers: Record<string, unknown>;
    json(): unknown;
  }>;
}

export interface ReadApiFuzz<Kind extends string> extends UrlValues<Kind> {
  /** Names the service in the outcome counts printed at the end. */
  service: string;
  /** Every read route (src/routes). */
  routes: Route<Kind>[];
  /** The app under test, built (and its rows stored) by the caller's own beforeAll. */
  app: () => InjectableApp;
  runsPerRoute: number;
}

/**
 * Declares one test per route that sends `runsPerRoute` generated URLs and expects 200 or a status the route
 * documents (or 404, a URL no route matches), every refusal problem+json with an INLET_ code. Prints how
 * many answers of each status each route gave, to show the runs got past validation to the queries.
 */
export function describeReadApiFuzz<Kind extends string>(fuzz: ReadApiFuzz<Kind>): void {
  describe('read API under generated query strings', () => {
    const outcomes = new Map<string, number>();
    afterAll(() => {
      console.log(`${fuzz.service} read API: ${[...outcomes].map(([key, n]) => `${key}: ${n}`).join(', ')}`);
    });

    it.each(fuzz.routes.map((route) => [route.path, route] as const))(
      'GET %s answers 200 or a documented 4xx, never 5xx',
      async (_, route) => {
        await fc.assert(
          fc.asyncProperty(readApiUrls(route, fuzz), async (url) => {
            const response = await fuzz.app().inject({ method: 'GET', url });
            const key = `${route.path} ${response.statusCode}`;
            outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
            const what = `${url} -> ${response.statusCode} ${response.body.slice(0, 200)}`;
            // 404 is also the answer of a URL no route matches (an empty path parameter).
            expect([...route.statuses, 404], what).toContain(response.statusCode);
            if (response.statusCode !== 200) {
              expect(response.headers['content-type'], what).toMatch(/^application\/problem\+json/);
              expect(response.json(), what).toMatchObject({ code: expect.stringMatching(/^INLET_[A-Z_]+$/) });
            }
          }),
          { numRuns: fuzz.runsPerRoute },
        );
      },
    );
  });
}

/** Expects the answer to a request with a tampered cursor: 400 INLET_CURSOR_INVALID naming the cursor. */
export function expectCursorRefused(response: {
  statusCode: number;
  headers: Record<string, unknown>;
  json(): unknown;
}): void {
  expect(response.statusCode).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json()).toMatchObject({ code: 'INLET_CURSOR_INVALID', field: '/querystring/cursor' });
}
