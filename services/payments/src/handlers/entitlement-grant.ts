import { excludedAssignments } from '@inlet/service-kit';

/** What a grant says besides its source (source_kind, source_id): whom it entitles, to what, and for when. */
const grantColumns = 'user_id, course_id, granted_at, valid_until, ended_by';

/**
 * The statement that writes the grants of sources (payments, subscriptions), replacing the stored ones.
 * `select` yields (source_kind, source_id, user_id, course_id, granted_at, valid_until, ended_by): one row per
 * source that grants something, none for a source that grants nothing yet.
 */
export function upsertGrant(select: string): string {
  return `
INSERT INTO payments.entitlement_grants AS stored (source_kind, source_id, ${grantColumns})
${select.trim()}
ON CONFLICT (source_kind, source_id) DO UPDATE SET
  ${excludedAssignments(grantColumns)},
  updated_at = now()`;
}
