import type pg from 'pg';
import { createEventApplier } from '@inlet/service-kit/testing';
import { createHandlers, type MembershipEventType } from '../../src/handlers/index.js';

/**
 * Membership's handlers applied as the runtime applies them (createEventApplier). Records the types reported
 * out of order and the unknown roles counted.
 */
export function eventApplier(pool: pg.Pool) {
  const outOfOrder: MembershipEventType[] = [];
  let unknownRoles = 0;
  const handlers = createHandlers({
    onOutOfOrder: (type) => outOfOrder.push(type),
    onUnknownRoles: (count) => (unknownRoles += count),
  });
  const { apply } = createEventApplier(pool, handlers);
  return { apply, outOfOrder, unknownRoles: () => unknownRoles };
}
