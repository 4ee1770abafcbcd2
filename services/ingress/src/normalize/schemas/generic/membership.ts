/** Generic data of course memberships and enrolments. */
import Type, { type Static } from 'typebox';
import { nonEmptyString, optionalNonEmptyString } from '../common.js';
import { timestampedData } from './timestamped.js';

export const membership = timestampedData({
  contextId: nonEmptyString,
  userId: nonEmptyString,
  roles: Type.Array(nonEmptyString),
  status: optionalNonEmptyString,
});
export type GenericMembership = Static<typeof membership>;

export const courseEnrolled = timestampedData({
  userId: nonEmptyString,
  contextId: nonEmptyString,
  orderId: optionalNonEmptyString,
});
