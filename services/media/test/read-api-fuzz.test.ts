import { randomUUID } from 'node:crypto';
import { cursorOf, forgedCursor, forgedNumber, forgedText, type Route } from '@inlet/test-harness';
import fc from 'fast-check';
import { describeServiceReadApiFuzz } from '@inlet/service-kit/testing';
import { media } from '../src/service.js';
import { at, transcriptionEvent, uploadEvent } from './helpers/events.js';
import { eventApplier, tableFetch } from './helpers/apply.js';

// Generated query strings and path parameters for every read route, hostile and plain: each answer must be
// 200 or a 4xx the route documents, as problem+json with a code. Never a 5xx.

/** The stored transcript's transcription: a transcript cursor names it. */
const transcriptionEventId = randomUUID();

type Kind = 'id' | 'limit' | 'searchCursor' | 'transcriptCursor' | 'text';
const plain: Record<Kind, fc.Arbitrary<string>> = {
  id: fc.constantFrom('video-1', 'video-2', 'nobody'),
  limit: fc.constantFrom('1', '2', '100'),
  searchCursor: fc
    .tuple(fc.constantFrom(0, 0.1, 0.5), fc.constantFrom('video-1', 'z'), fc.integer({ min: -1, max: 5 }))
    .map(cursorOf),
  transcriptCursor: fc
    .tuple(fc.constantFrom(transcriptionEventId, 'other'), fc.integer({ min: -1, max: 5 }))
    .map(cursorOf),
  text: fc.constantFrom('mitochondria', '"cell energy"', 'energy -cell', 'or'),
};
/**
 * Search positions are [rank (real), video id, seq (int)]; transcript ones [transcription event id, seq],
 * forged mostly in shape (in a transcript's, out of shape means only other arrays).
 */
const forgedCursors = {
  searchCursor: forgedCursor([fc.tuple(forgedNumber, forgedText, forgedNumber)]),
  transcriptCursor: forgedCursor(
    [fc.tuple(forgedText, forgedNumber), fc.tuple(fc.constant('event-1'), forgedNumber)],
    { maxElements: 3, onlyArrays: true },
  ),
};

/** Every read route (src/routes) with its parameters and the statuses its schema documents. */
const routes: Route<Kind>[] = [
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

const transcriptUrl = 'https://media.example.com/video-1.vtt';

describeServiceReadApiFuzz(media, {
  routes,
  plain,
  forgedCursors,
  applier: (pool) =>
    eventApplier(
      pool,
      tableFetch({
        [transcriptUrl]:
          'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nToday we study mitochondria and cell energy.\n',
      }).fetch,
    ),
  seedEvents: [
    uploadEvent({ videoId: 'video-1' }, { occurredAt: at(10) }),
    transcriptionEvent(
      { videoId: 'video-1', transcriptionUrl: transcriptUrl },
      { eventId: transcriptionEventId, occurredAt: at(20) },
    ),
  ],
});
