import type { NormalizedRole } from '../roster/roles.js';
import { currentStatuses, type MemberStatus } from '../roster/statuses.js';
import { decodeCursor } from '../queries/cursor.js';
import type { MemberFilter } from '../queries/members.js';

/** A list's query string, as validated by listQuerySchema. */
export interface ListQuery {
  status?: MemberStatus[];
  role?: NormalizedRole[];
  limit: number;
  cursor?: string;
}

/** Without `status`, a list shows the current memberships: every status but removed. */
export function memberFilter({ status, role, limit, cursor }: ListQuery): MemberFilter {
  return {
    statuses: status ?? currentStatuses,
    limit,
    ...(role !== undefined ? { roles: role } : {}),
    ...(cursor !== undefined ? { after: decodeCursor(cursor) } : {}),
  };
}
