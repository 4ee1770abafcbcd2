import { cursorOf, forgedCursor, forgedNumber, forgedText, type Route } from '@inlet/test-harness';
import fc from 'fast-check';
import { describeServiceReadApiFuzz } from '@inlet/service-kit/testing';
import { content } from '../src/service.js';
import { at, contentEvent, deepLinkEvent } from './helpers/events.js';
import { eventApplier } from './helpers/apply.js';

// Generated query strings and path parameters for every read route, hostile and plain: each answer must be
// 200 or a 4xx the route documents, as problem+json with a code. Never a 5xx.

type Kind = 'id' | 'bool' | 'limit' | 'cursor' | 'day' | 'text' | 'element';
const plain: Record<Kind, fc.Arbitrary<string>> = {
  id: fc.constantFrom('course-1', 'page-1', 'user-1', 'dl-1', 'assignment'),
  bool: fc.constantFrom('true', 'false'),
  limit: fc.constantFrom('1', '2', '50'),
  cursor: fc
    .tuple(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constantFrom('page-1', 'z'))
    .map(cursorOf),
  day: fc.constantFrom('2026-11-01', '2026-11-30', '0001-01-01', '9999-12-31'),
  text: fc.constantFrom('organelles', '"cell structure"', 'lab -report', 'or'),
  element: fc.constantFrom('lesson:1', 'button#hint'),
};
/** The catalog's cursor positions: [last event time, content id]. */
const forgedCursors = { cursor: forgedCursor([fc.tuple(forgedNumber, forgedText)]) };

/** Every read route (src/routes) with its parameters and the statuses its schema documents. */
const routes: Route<Kind>[] = [
  {
    path: '/contexts/:contextId/content',
    params: { contextId: 'id' },
    query: { type: 'id', includeDeleted: 'bool', limit: 'limit', cursor: 'cursor' },
    statuses: [200, 400],
  },
  {
    path: '/content/:contentId',
    params: { contentId: 'id' },
    query: { includeDeleted: 'bool' },
    statuses: [200, 400, 404],
  },
  { path: '/deep-links/:linkId', params: { linkId: 'id' }, query: {}, statuses: [200, 400, 404] },
  {
    path: '/engagement/elements/:element',
    params: { element: 'element' },
    query: { from: 'day', to: 'day' },
    statuses: [200, 400],
  },
  {
    path: '/engagement/users/:userId',
    params: { userId: 'id' },
    query: { from: 'day', to: 'day' },
    statuses: [200, 400],
  },
  {
    path: '/search',
    params: {},
    query: { q: 'text', contextId: 'id', type: 'id', limit: 'limit' },
    required: ['q'],
    statuses: [200, 400],
  },
];

describeServiceReadApiFuzz(content, {
  routes,
  plain,
  forgedCursors,
  applier: eventApplier,
  seedEvents: [
    contentEvent(
      'content.created',
      {
        contextId: 'course-1',
        contentId: 'page-1',
        contentType: 'assignment',
        title: 'Cell Structure Lab Report',
        body: '<p>Describe the organelles you observed under the microscope.</p>',
      },
      { occurredAt: at(10) },
    ),
    deepLinkEvent({ linkId: 'dl-1', contextId: 'course-1' }),
  ],
});
