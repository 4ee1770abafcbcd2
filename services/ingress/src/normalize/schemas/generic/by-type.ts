/** The data schema of every type a generic payload may carry (which route takes which: families.ts). */
import type { EventType } from '@inlet/schemas';
import type { Static, TSchema } from 'typebox';
import { content, deepLinkCreated, userBehavior } from './content.js';
import {
  assessmentSubmitted,
  courseCompleted,
  gradeDeleted,
  gradeGiven,
  moduleCompleted,
} from './learning.js';
import { transcriptionCompleted, videoUploadCompleted } from './media.js';
import { courseEnrolled, membership } from './membership.js';
import { payment, paymentRefunded, subscription } from './payments.js';

export const genericDataSchemas = {
  'grade.created': gradeGiven,
  'grade.updated': gradeGiven,
  'grade.deleted': gradeDeleted,
  'assessment.submitted': assessmentSubmitted,
  'module.completed': moduleCompleted,
  'course.completed': courseCompleted,
  'member.added': membership,
  'member.removed': membership,
  'member.updated': membership,
  'course.enrolled': courseEnrolled,
  'content.created': content,
  'content.updated': content,
  'content.deleted': content,
  'deep_link.created': deepLinkCreated,
  'user.behavior': userBehavior,
  'payment.success': payment,
  'payment.failed': payment,
  'payment.refunded': paymentRefunded,
  'subscription.created': subscription,
  'subscription.cancelled': subscription,
  'video.upload.completed': videoUploadCompleted,
  'transcription.completed': transcriptionCompleted,
} satisfies Record<EventType, TSchema>;

/** The checked data of each generic type. */
export type GenericDataByType = { [T in EventType]: Static<(typeof genericDataSchemas)[T]> };
