/** The event types of inlet.grades.v1, each of which this service handles. */
export type GradesEventType =
  | 'grade.created'
  | 'grade.updated'
  | 'grade.deleted'
  | 'assessment.submitted'
  | 'module.completed'
  | 'course.completed';

/** Counts an event that changed nothing because the stored row is newer (out-of-order arrival). */
export type OnStale = (type: GradesEventType) => void;
