import { Type, type Static } from 'typebox';
import { IdText, Nullable, Page, Timestamp, lastEventFields, pageQueryFields } from '@inlet/service-kit';
import { maxIdLength } from '../roster/limits.js';
import { normalizedRoles } from '../roster/roles.js';
import { memberStatuses } from '../roster/statuses.js';

// The read API's contract. Fastify validates requests and serializes answers with these schemas, so a field not
// listed here never leaves the service; the answers' TypeScript types are derived from them.
// Every answer field is always present (null when unknown): clients never test for a missing key, and the
// serializer writes them in this order.

export const maxPageSize = 200;

/** A course or user id in the path, bounded like the ids the handlers store. */
export const MemberId = IdText(maxIdLength);

const MemberStatus = Type.Enum(memberStatuses, { type: 'string' });
const NormalizedRole = Type.Enum(normalizedRoles, { type: 'string' });

/**
 * The filters and paging every list takes. `status` and `role` repeat for "any of" (`status=active&
 * status=invited`); Fastify's validator turns a single value into a one-item list.
 */
export const ListQuery = Type.Object({
  status: Type.Optional(Type.Array(MemberStatus, { minItems: 1, maxItems: memberStatuses.length })),
  role: Type.Optional(Type.Array(NormalizedRole, { minItems: 1, maxItems: normalizedRoles.length })),
  ...pageQueryFields(maxPageSize, 50),
});
export type ListQuery = Static<typeof ListQuery>;

const memberProperties = {
  contextId: Type.String(),
  userId: Type.String(),
  /** As the sender gave them. */
  roles: Type.Array(Type.String()),
  normalizedRoles: Type.Array(NormalizedRole),
  status: MemberStatus,
  senderStatus: Nullable(Type.String()),
  enrolledAt: Nullable(Timestamp),
  removedAt: Nullable(Timestamp),
  orderId: Nullable(Type.String()),
  ...lastEventFields,
};

/** A membership as the read API returns it. */
export const Member = Type.Object(memberProperties);
export type Member = Static<typeof Member>;

export const MemberPage = Page(Member);
export type MemberPage = Static<typeof MemberPage>;

/** One event of a membership's history, as applied. */
export const MemberEvent = Type.Object({
  eventId: Type.String(),
  type: Type.String(),
  source: Type.String(),
  sourceEventName: Nullable(Type.String()),
  occurredAt: Timestamp,
  roles: Type.Array(Type.String()),
  status: Nullable(Type.String()),
  orderId: Nullable(Type.String()),
});
export type MemberEvent = Static<typeof MemberEvent>;

export const MemberWithHistory = Type.Object({
  ...memberProperties,
  /** Newest first, at most historyLimit (queries/members.ts). */
  history: Type.Array(MemberEvent),
});
export type MemberWithHistory = Static<typeof MemberWithHistory>;
