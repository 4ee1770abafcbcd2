import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { InletEvent } from '@inlet/schemas';
import { createMigratedDatabase, type MigratedDatabase } from '@inlet/test-harness';
import type { MembershipHandlerContext } from '../../src/handlers/index.js';
import { membership } from '../../src/service.js';
import { eventApplier } from './apply.js';

export const silentLog: MembershipHandlerContext['log'] = { debug: () => undefined, info: () => undefined };

export const newUser = () => `user-${randomUUID()}`;

export interface RosterDatabase {
  db: MigratedDatabase;
  applier: ReturnType<typeof eventApplier>;
  apply(...events: InletEvent[]): Promise<void>;
  /** A membership's row as the handlers left it (undefined when none). */
  memberRow(userId: string, contextId?: string): Promise<Record<string, unknown> | undefined>;
  /** A membership's recorded events, oldest first. */
  historyOf(userId: string, contextId?: string): Promise<Record<string, unknown>[]>;
}

/**
 * A migrated database of the test file's own, opened before its tests and dropped after them, with the real
 * handlers applying events to it the way the consumer runtime does. Read its fields inside tests only.
 */
export function useRosterDatabase(): RosterDatabase {
  let db: MigratedDatabase | undefined;
  let applier: ReturnType<typeof eventApplier> | undefined;
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the roster database is opened in beforeAll');
    return value;
  };

  beforeAll(async () => {
    db = await createMigratedDatabase(membership.migrate);
    applier = eventApplier(db.pool);
  });
  afterAll(async () => db?.close());

  return {
    get db() {
      return opened(db);
    },
    get applier() {
      return opened(applier);
    },
    apply: (...events) => opened(applier).apply(...events),
    async memberRow(userId, contextId = 'course-1') {
      const { rows } = await opened(db).pool.query(
        `SELECT roles, normalized_roles, status, sender_status, enrolled_at, removed_at, order_id, last_event_id,
                last_event_type, last_event_at, last_event_source
           FROM membership.members WHERE context_id = $1 AND user_id = $2`,
        [contextId, userId],
      );
      return rows[0] as Record<string, unknown> | undefined;
    },
    async historyOf(userId, contextId = 'course-1') {
      const { rows } = await opened(db).pool.query(
        `SELECT event_type, roles, status, order_id FROM membership.member_events
          WHERE context_id = $1 AND user_id = $2 ORDER BY occurred_at, event_id`,
        [contextId, userId],
      );
      return rows;
    },
  };
}
