import { cursorOf, forgedCursor, forgedNumber, forgedText, type Route } from '@inlet/test-harness';
import fc from 'fast-check';
import { describeServiceReadApiFuzz } from '@inlet/service-kit/testing';
import { grades } from '../src/service.js';
import { at, gradeEvent } from './helpers/events.js';
import { eventApplier } from './helpers/apply.js';

// Generated query strings and path parameters for every read route, hostile and plain: each answer must be
// 200 or a 4xx the route documents, as problem+json with a code. Never a 5xx.

type Kind = 'id' | 'bool' | 'limit' | 'cursor';
const plain: Record<Kind, fc.Arbitrary<string>> = {
  id: fc.constantFrom('user-1', 'quiz-1', 'course-1', 'unit/7'),
  bool: fc.constantFrom('true', 'false'),
  limit: fc.constantFrom('1', '2', '200'),
  cursor: fc
    .tuple(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constantFrom('quiz-1', 'z'))
    .map(cursorOf),
};
/** This API's cursor positions: [last event time, resource link id]. */
const forgedCursors = { cursor: forgedCursor([fc.tuple(forgedNumber, forgedText)]) };

/** Every read route (src/routes) with its parameters and the statuses its schema documents. */
const routes: Route<Kind>[] = [
  {
    path: '/grades',
    params: {},
    query: { userId: 'id', contextId: 'id', includeDeleted: 'bool', limit: 'limit', cursor: 'cursor' },
    required: ['userId'],
    statuses: [200, 400],
  },
  {
    path: '/grades/:userId/:resourceLinkId',
    params: { userId: 'id', resourceLinkId: 'id' },
    query: { includeDeleted: 'bool' },
    statuses: [200, 400, 404],
  },
  { path: '/progress/:userId', params: { userId: 'id' }, query: { contextId: 'id' }, statuses: [200, 400] },
];

describeServiceReadApiFuzz(grades, {
  routes,
  plain,
  forgedCursors,
  applier: eventApplier,
  seedEvents: [
    gradeEvent('grade.created', { userId: 'user-1', resourceLinkId: 'quiz-1', score: 1, maxScore: 2 }),
    gradeEvent(
      'grade.created',
      { userId: 'user-1', resourceLinkId: 'unit/7', score: 1 },
      { occurredAt: at(5) },
    ),
  ],
});
