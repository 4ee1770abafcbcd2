import { cursorOf, forgedCursor, forgedText, type Route } from '@inlet/test-harness';
import fc from 'fast-check';
import { describeServiceReadApiFuzz } from '@inlet/service-kit/testing';
import { membership } from '../src/service.js';
import { at, lti, memberEvent } from './helpers/events.js';
import { eventApplier } from './helpers/apply.js';

// Generated query strings and path parameters for every read route, hostile and plain: each answer must be
// 200 or a 4xx the route documents, as problem+json with a code. Never a 5xx.

type Kind = 'id' | 'limit' | 'cursor' | 'status' | 'role';
const plain: Record<Kind, fc.Arbitrary<string>> = {
  id: fc.constantFrom('course-1', 'ada', 'bob', 'u/7'),
  limit: fc.constantFrom('1', '2', '200'),
  cursor: fc.constantFrom('ada', 'b', '').map((key) => cursorOf([key])),
  status: fc.constantFrom('active', 'invited', 'removed'),
  role: fc.constantFrom('learner', 'instructor'),
};
/** This API's cursor positions: [the last key of the page]. */
const forgedCursors = { cursor: forgedCursor([fc.tuple(forgedText)]) };

/** Every read route (src/routes) with its parameters and the statuses its schema documents. */
const listQuery = { status: 'status', role: 'role', limit: 'limit', cursor: 'cursor' } as const;
const routes: Route<Kind>[] = [
  {
    path: '/contexts/:contextId/members',
    params: { contextId: 'id' },
    query: listQuery,
    statuses: [200, 400],
  },
  {
    path: '/contexts/:contextId/members/:userId',
    params: { contextId: 'id', userId: 'id' },
    query: {},
    statuses: [200, 400, 404],
  },
  { path: '/users/:userId/contexts', params: { userId: 'id' }, query: listQuery, statuses: [200, 400] },
];

describeServiceReadApiFuzz(membership, {
  routes,
  plain,
  forgedCursors,
  applier: eventApplier,
  seedEvents: [
    memberEvent(
      'member.added',
      { contextId: 'course-1', userId: 'ada', roles: [lti.learner] },
      { occurredAt: at(10) },
    ),
    memberEvent(
      'member.added',
      { contextId: 'course-1', userId: 'bob', roles: [lti.instructor] },
      { occurredAt: at(11) },
    ),
  ],
});
