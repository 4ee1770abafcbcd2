import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { createMetrics } from '../src/metrics.js';
import { createMigratedDatabase, type MigratedDatabase } from './helpers/database.js';
import { at, transcriptionEvent, uploadEvent } from './helpers/events.js';
import { eventApplier, tableFetch } from './helpers/apply.js';

// Generated query strings and path parameters for every read route, hostile and plain: each answer must be
// 200 or a 4xx the route documents, as problem+json with a code. Never a 5xx.

/** The seeded transcript's transcription: a transcript cursor names it. */
const transcriptionEventId = randomUUID();

const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** Numbers a cursor position may be forged with: beyond Date, timestamptz, int4, int8 and real. */
const forgedNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(8.64e15, 8.64e15 + 1, -8.64e15, -6.2e13, 2 ** 31, 2 ** 53, 2 ** 63, 1e39, 1e-300, -1, 1.5),
);
/** Text a cursor position may be forged with: anything, and the U+0000 PostgreSQL text cannot hold. */
const forgedText = fc.oneof(
  fc.string(),
  fc.string().map((text) => `${text}\u0000`),
);
const forgedElement = fc.oneof(forgedNumber, forgedText, fc.jsonValue());

/** Search positions are [rank (real), video id, seq (int)]; transcript ones [transcription event id, seq]. */
const forgedSearchCursor = fc.oneof(
  fc.tuple(forgedNumber, forgedText, forgedNumber).map((position) => b64(JSON.stringify(position))),
  fc.array(forgedElement, { maxLength: 4 }).map((position) => b64(JSON.stringify(position))),
  fc.jsonValue().map((value) => b64(JSON.stringify(value))),
  fc.uint8Array({ maxLength: 48 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
  fc.string(),
);
const forgedTranscriptCursor = fc.oneof(
  fc.tuple(forgedText, forgedNumber).map((position) => b64(JSON.stringify(position))),
  fc.tuple(fc.constant('event-1'), forgedNumber).map((position) => b64(JSON.stringify(position))),
  fc.array(forgedElement, { maxLength: 3 }).map((position) => b64(JSON.stringify(position))),
);
const forgedCursors = fc.oneof(forgedSearchCursor, forgedTranscriptCursor);

/** Query and path values no sane client sends; `raw` ones go into the URL as they are (broken escapes). */
const hostileValue = fc.oneof(
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
type UrlValue = { text: string } | { raw: string };
const inUrl = (value: UrlValue) => ('raw' in value ? value.raw : encodeURIComponent(value.text));

type Kind = 'id' | 'limit' | 'searchCursor' | 'transcriptCursor' | 'text';
const plain: Record<Kind, fc.Arbitrary<string>> = {
  id: fc.constantFrom('video-1', 'video-2', 'nobody'),
  limit: fc.constantFrom('1', '2', '100'),
  searchCursor: fc
    .tuple(fc.constantFrom(0, 0.1, 0.5), fc.constantFrom('video-1', 'z'), fc.integer({ min: -1, max: 5 }))
    .map((position) => b64(JSON.stringify(position))),
  transcriptCursor: fc
    .tuple(fc.constantFrom(transcriptionEventId, 'other'), fc.integer({ min: -1, max: 5 }))
    .map((position) => b64(JSON.stringify(position))),
  text: fc.constantFrom('mitochondria', '"cell energy"', 'energy -cell', 'or'),
};
/** Hostile values, a cursor's mostly forged in its own shape (those reach the query). */
const hostileOf = (kind: Kind): fc.Arbitrary<UrlValue> =>
  kind === 'searchCursor'
    ? fc.oneof({ weight: 3, arbitrary: forgedSearchCursor.map((text) => ({ text })) }, hostileValue)
    : kind === 'transcriptCursor'
      ? fc.oneof({ weight: 3, arbitrary: forgedTranscriptCursor.map((text) => ({ text })) }, hostileValue)
      : hostileValue;

interface Route {
  path: string;
  params: Record<string, Kind>;
  query: Record<string, Kind>;
  /** Query parameters the route requires. */
  required?: string[];
  statuses: number[];
}

/** Every read route (src/routes) with its parameters and the statuses its schema documents. */
const routes: Route[] = [
  { path: '/videos/:videoId', params: { videoId: 'id' }, query: {}, statuses: [200, 400, 404] },
  {
    path: '/videos/:videoId/transcript',
    params: { videoId: 'id' },
    query: { limit: 'limit', cursor: 'transcriptCursor' },
    statuses: [200, 400, 404, 409],
  },
  {
    path: '/search',
    params: {},
    query: { q: 'text', videoId: 'id', limit: 'limit', cursor: 'searchCursor' },
    required: ['q'],
    statuses: [200, 400],
  },
];

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
function urlFor(route: Route): fc.Arbitrary<string> {
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

const runsPerRoute = 150;

describe('read API under generated query strings', () => {
  let db: MigratedDatabase;
  let app: FastifyInstance;
  const outcomes = new Map<string, number>();

  beforeAll(async () => {
    db = await createMigratedDatabase();
    app = await buildApp({
      pool: db.pool,
      consumerStatus: () => ({ running: true }),
      metrics: createMetrics(),
    });
    const url = 'https://media.example.com/video-1.vtt';
    const { apply } = eventApplier(
      db.pool,
      tableFetch({
        [url]: 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nToday we study mitochondria and cell energy.\n',
      }).fetch,
    );
    await apply(
      uploadEvent({ videoId: 'video-1' }, { occurredAt: at(10) }),
      transcriptionEvent(
        { videoId: 'video-1', transcriptionUrl: url },
        { eventId: transcriptionEventId, occurredAt: at(20) },
      ),
    );
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    console.log(`media read API: ${[...outcomes].map(([key, n]) => `${key}: ${n}`).join(', ')}`);
  });

  it.each(routes.map((route) => [route.path, route] as const))(
    'GET %s answers 200 or a documented 4xx, never 5xx',
    async (_, route) => {
      await fc.assert(
        fc.asyncProperty(urlFor(route), async (url) => {
          const response = await app.inject({ method: 'GET', url });
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
        { numRuns: runsPerRoute },
      );
    },
  );
});
