import type { MembershipEventType } from '../roster/fold.js';

export type { MembershipEventType } from '../roster/fold.js';

/** Told about an event that arrived after a newer event of the same membership (it is still applied in place). */
export type OnOutOfOrder = (type: MembershipEventType) => void;

/** Told how many roles of an applied event no mapping knows (they were normalized to 'other'). */
export type OnUnknownRoles = (count: number) => void;
