/** The state of a membership. 'removed' rows are kept: history matters, and a later add re-activates. */
export const memberStatuses = ['active', 'inactive', 'invited', 'completed', 'removed'] as const;

export type MemberStatus = (typeof memberStatuses)[number];

/** Every status but 'removed': the current roster, what a roster read shows unless asked otherwise. */
export const currentStatuses: readonly MemberStatus[] = ['active', 'inactive', 'invited', 'completed'];

// Senders' words for them, lower-cased: Canvas workflow_state (creation_pending, active, invited, inactive,
// rejected, completed, deleted), the catalog's examples, and the common synonyms of generic senders.
const statuses = new Map<string, MemberStatus>(
  Object.entries({
    active: 'active',
    accepted: 'active',
    enrolled: 'active',
    inactive: 'inactive',
    suspended: 'inactive',
    rejected: 'inactive',
    disabled: 'inactive',
    invited: 'invited',
    pending: 'invited',
    creation_pending: 'invited',
    completed: 'completed',
    concluded: 'completed',
    deleted: 'removed',
    removed: 'removed',
    dropped: 'removed',
    withdrawn: 'removed',
  } satisfies Record<string, MemberStatus>),
);

/**
 * The status a sender's word means, or undefined when the word is unknown: an unknown status tells nothing,
 * so the event is applied as if it named none (never an error).
 */
export function normalizeStatus(raw: string): MemberStatus | undefined {
  return statuses.get(raw.trim().toLowerCase());
}
