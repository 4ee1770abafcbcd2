// Generated from the latest Avro schema of inlet.grades.v1 (schemas/avro/inlet.grades.v1/): the records of
// its data union, by `npm run generate --workspace @inlet/schemas`. Do not edit: change those and regenerate
// (a test fails while this file differs from what they generate).

// GradesEvent: Grades and progress: a learner's grades, assessment submissions and completions. Keyed by
// data.userId so one learner's events stay in order.

/** A grade given, changed or removed (grade.created, grade.updated, grade.deleted). */
export interface GradeChange {
  /** The sender's id for the grade, when it has one. */
  gradeId: string | null;
  /** The graded learner. */
  userId: string;
  /** The graded resource: LTI resource link, Canvas assignment, Moodle grade item. */
  resourceLinkId: string;
  /** The course (LTI context), when known. */
  contextId: string | null;
  /** Null when the grade was removed or not yet given. */
  score: number | null;
  /** The highest possible score, when the sender says. */
  maxScore: number | null;
  /**
   * LTI AGS gradingProgress (FullyGraded, Pending, PendingManual, Failed, NotReady) or the platform's state.
   */
  gradingProgress: string | null;
  /** The grader's comment, when there is one. */
  comment: string | null;
}

/** A learner submitted an assessment attempt (assessment.submitted). */
export interface AssessmentSubmission {
  /** The learner who submitted. */
  userId: string;
  /** The assessment (quiz, assignment) submitted to. */
  assessmentId: string;
  /** The course (LTI context), when known. */
  contextId: string | null;
  /** Canvas submission id, Moodle attempt id ... when the sender has one. */
  submissionId: string | null;
  /** The attempt's score, when already graded. */
  score: number | null;
  /** The highest possible score, when the sender says. */
  maxScore: number | null;
  /** The attempt number (1 for the first), when the sender counts attempts. */
  attempt: number | null;
}

/** A learner completed a module (module.completed). */
export interface ModuleCompletion {
  /** The learner who completed the module. */
  userId: string;
  /** The completed module. */
  moduleId: string;
  /** The course (LTI context), when known. */
  contextId: string | null;
}

/** A learner completed a course (course.completed). */
export interface CourseCompletion {
  /** The learner who completed the course. */
  userId: string;
  /** The completed course (LTI context). */
  contextId: string;
}
