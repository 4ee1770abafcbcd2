import type pg from 'pg';
import type { InletEvent } from '@inlet/schemas';
import {
  createHandlers,
  type MembershipEventType,
  type MembershipHandlerContext,
} from '../../src/handlers/index.js';

const silentLog: MembershipHandlerContext['log'] = { debug: () => undefined, info: () => undefined };

/**
 * Applies events the way the consumer runtime does: each in its own transaction, given to the handler,
 * committed after it returns (rolled back when it throws). Records the types reported out of order and the
 * unknown roles counted.
 */
export function eventApplier(pool: pg.Pool) {
  const outOfOrder: MembershipEventType[] = [];
  let unknownRoles = 0;
  const handlers = createHandlers({
    onOutOfOrder: (type) => outOfOrder.push(type),
    onUnknownRoles: (count) => (unknownRoles += count),
  });
  async function applyOne(event: InletEvent): Promise<void> {
    const handler = handlers[event.type as MembershipEventType] as (
      event: InletEvent,
      context: MembershipHandlerContext,
    ) => Promise<void>;
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN');
      await handler(event, { tx, log: silentLog });
      await tx.query('COMMIT');
    } catch (error) {
      await tx.query('ROLLBACK');
      throw error;
    } finally {
      tx.release();
    }
  }
  async function apply(...events: InletEvent[]): Promise<void> {
    for (const event of events) await applyOne(event);
  }
  return { apply, applyOne, outOfOrder, unknownRoles: () => unknownRoles };
}
