/** Generic data of course content, deep links and the user behaviour recorded on it. */
import Type, { type Static } from 'typebox';
import {
  freeFormObject,
  isoDateTime,
  nonEmptyString,
  optional,
  optionalNonEmptyString,
  optionalString,
} from '../common.js';
import { optionalUri, timestampedData } from './timestamped.js';

export const content = timestampedData({
  contentId: nonEmptyString,
  contentType: optionalNonEmptyString,
  resourceLinkId: optionalNonEmptyString,
  contextId: optionalNonEmptyString,
  title: optionalString,
  url: optionalUri,
  body: optionalString,
});
export type GenericContent = Static<typeof content>;

export const deepLinkCreated = timestampedData({
  linkId: nonEmptyString,
  resourceType: Type.Enum(['assessment', 'content', 'activity'], { type: 'string' }),
  contextId: nonEmptyString,
  createdBy: nonEmptyString,
  configuration: freeFormObject,
});

const behaviorItem = Type.Object({
  type: Type.Enum(['click', 'view', 'interaction'], { type: 'string' }),
  element: nonEmptyString,
  timestamp: isoDateTime,
  metadata: optional(freeFormObject),
});

export const userBehavior = timestampedData({
  userId: nonEmptyString,
  sessionId: nonEmptyString,
  events: Type.Array(behaviorItem, { minItems: 1 }),
});
export type GenericUserBehavior = Static<typeof userBehavior>;
