/** Generic data of grades and learning progress (the canonical events: @inlet/schemas). */
import Type, { type Static } from 'typebox';
import {
  maxAvroInt,
  nonEmptyString,
  optional,
  optionalNonEmptyString,
  optionalNumber,
  optionalString,
} from '../common.js';
import { timestampedData } from './timestamped.js';

const gradeProperties = {
  userId: nonEmptyString,
  resourceLinkId: nonEmptyString,
  score: Type.Number(),
  maxScore: Type.Number({ minimum: 0 }),
  gradeId: optionalNonEmptyString,
  contextId: optionalNonEmptyString,
  gradingProgress: optionalNonEmptyString,
  comment: optionalString,
};

/** A given or changed grade has a score; a deleted one need not. */
export const gradeGiven = timestampedData(gradeProperties);
export const gradeDeleted = timestampedData({
  ...gradeProperties,
  score: optionalNumber,
  maxScore: optional(Type.Number({ minimum: 0 })),
});
export type GenericGrade = Static<typeof gradeGiven> | Static<typeof gradeDeleted>;

export const assessmentSubmitted = timestampedData({
  userId: nonEmptyString,
  assessmentId: nonEmptyString,
  contextId: optionalNonEmptyString,
  submissionId: optionalNonEmptyString,
  score: optionalNumber,
  maxScore: optional(Type.Number({ minimum: 0 })),
  attempt: optional(Type.Integer({ minimum: 1, maximum: maxAvroInt })),
});

export const moduleCompleted = timestampedData({
  userId: nonEmptyString,
  moduleId: nonEmptyString,
  contextId: optionalNonEmptyString,
});

export const courseCompleted = timestampedData({
  userId: nonEmptyString,
  contextId: nonEmptyString,
});
