import { cursorOf, forgedCursor, forgedNumber, forgedText, type Route } from '@inlet/test-harness';
import fc from 'fast-check';
import { describeServiceReadApiFuzz } from '@inlet/service-kit/testing';
import { payments } from '../src/service.js';
import { at, paymentEvent } from './helpers/events.js';
import { eventApplier } from './helpers/apply.js';

// Generated query strings and path parameters for every read route, hostile and plain: each answer must be
// 200 or a 4xx the route documents, as problem+json with a code. Never a 5xx.

type Kind = 'id' | 'limit' | 'ledgerCursor' | 'entitlementCursor';
const plain: Record<Kind, fc.Arbitrary<string>> = {
  id: fc.constantFrom('user-1', 'pay-1', 'sub-1', 'nobody'),
  limit: fc.constantFrom('1', '2', '200'),
  ledgerCursor: fc.integer({ min: 1, max: 10 }).map((entryId) => cursorOf([entryId])),
  entitlementCursor: fc.constantFrom('bio', 'a').map((key) => cursorOf([key])),
};
/**
 * Ledger positions are [entry id (bigint)]; entitlement ones [course key], forged mostly in shape (in an
 * entitlement's, out of shape means only other arrays).
 */
const forgedCursors = {
  ledgerCursor: forgedCursor([fc.tuple(forgedNumber)], { maxElements: 3 }),
  entitlementCursor: forgedCursor([fc.tuple(forgedText)], { maxElements: 3, onlyArrays: true }),
};

/** Every read route (src/routes) with its parameters and the statuses its schema documents. */
const routes: Route<Kind>[] = [
  { path: '/payments/:paymentId', params: { paymentId: 'id' }, query: {}, statuses: [200, 400, 404] },
  {
    path: '/subscriptions/:subscriptionId',
    params: { subscriptionId: 'id' },
    query: {},
    statuses: [200, 400, 404],
  },
  {
    path: '/users/:userId/ledger',
    params: { userId: 'id' },
    query: { paymentId: 'id', limit: 'limit', cursor: 'ledgerCursor' },
    statuses: [200, 400],
  },
  {
    path: '/users/:userId/entitlements',
    params: { userId: 'id' },
    query: { limit: 'limit', cursor: 'entitlementCursor' },
    statuses: [200, 400],
  },
];

describeServiceReadApiFuzz(payments, {
  routes,
  plain,
  forgedCursors,
  applier: eventApplier,
  seedEvents: [
    paymentEvent(
      'payment.success',
      { paymentId: 'pay-1', userId: 'user-1', courseId: 'bio' },
      { occurredAt: at(10) },
    ),
  ],
});
