import { memberCursor, type MemberFilter } from '../queries/members.js';
import { currentStatuses } from '../roster/statuses.js';
import type { ListQuery } from './schemas.js';

/** Without `status`, a list shows the current memberships: every status but removed. */
export function memberFilter({ status, role, limit, cursor }: ListQuery): MemberFilter {
  return {
    statuses: status ?? currentStatuses,
    roles: role,
    limit,
    after: memberCursor.after(cursor)?.lastKey,
  };
}
