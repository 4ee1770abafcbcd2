import { randomUUID } from 'node:crypto';
import { useMigratedDatabase } from '@inlet/service-kit/testing';
import type { TransactionContext } from '@inlet/service-kit';
import { membership } from '../../src/service.js';
import { eventApplier } from './apply.js';

export const silentLog: TransactionContext['log'] = { debug: () => undefined, info: () => undefined };

export const newUser = () => `user-${randomUUID()}`;

/**
 * Membership's migrated database of the test file's own, its handlers applying events as the runtime does, and
 * what the handlers left in it: a membership's row (undefined when none) and its recorded events, oldest first.
 */
export function useRosterDatabase() {
  const store = useMigratedDatabase(membership, eventApplier);
  return {
    get db() {
      return store.db;
    },
    get applier() {
      return store.applier;
    },
    apply: store.apply,
    async memberRow(userId: string, contextId = 'course-1'): Promise<Record<string, unknown> | undefined> {
      const { rows } = await store.db.pool.query(
        `SELECT roles, normalized_roles, status, sender_status, enrolled_at, removed_at, order_id, last_event_id,
                last_event_type, last_event_at, last_event_source
           FROM membership.members WHERE context_id = $1 AND user_id = $2`,
        [contextId, userId],
      );
      return rows[0] as Record<string, unknown> | undefined;
    },
    async historyOf(userId: string, contextId = 'course-1'): Promise<Record<string, unknown>[]> {
      const { rows } = await store.db.pool.query(
        `SELECT event_type, roles, status, order_id FROM membership.member_events
          WHERE context_id = $1 AND user_id = $2 ORDER BY occurred_at, event_id`,
        [contextId, userId],
      );
      return rows;
    },
  };
}
