import type { EventDataByType, InletEvent } from '@inlet/schemas';
import { benchEventId, type Random } from './consumer-random.js';

type GradesType =
  | 'grade.created'
  | 'grade.updated'
  | 'grade.deleted'
  | 'assessment.submitted'
  | 'module.completed'
  | 'course.completed';

/** The mix of a learning platform's day: mostly grades, some submissions and completions. */
const weights: [GradesType, number][] = [
  ['grade.updated', 0.58],
  ['grade.created', 0.16],
  ['grade.deleted', 0.04],
  ['assessment.submitted', 0.12],
  ['module.completed', 0.07],
  ['course.completed', 0.03],
];

const users = 5_000;
const courses = 60;
const linksPerCourse = 12;
const modulesPerCourse = 8;
const assessmentsPerCourse = 4;
/** 2026-12-01T00:00:00Z: the events happened over the hours after it, one every ~0.4 s. */
const firstEventAt = Date.UTC(2026, 11, 1);

/** Per learner: the two courses they take (events name only those) and the grades they already have. */
interface Learner {
  userId: string;
  courses: [string, string];
  graded: string[];
}

/**
 * `count` grades events with distinct ids from 5,000 learners: grade.created for a new (learner, resource), then
 * grade.updated and a few grade.deleted mostly on grades that exist; submissions (some reported again once
 * graded, under a new id), module and course completions (a few reported twice). occurredAt moves forward
 * with a few seconds of jitter, so some events of a key are older than one already applied (stale), as when
 * senders retry.
 */
export function gradesEvents(count: number, random: Random, run: string): InletEvent[] {
  const learners: Learner[] = Array.from({ length: users }, (_, index) => {
    const first = random.int(courses);
    return {
      userId: `u-${index + 1}`,
      courses: [`course-${first + 1}`, `course-${((first + 1 + random.int(courses - 1)) % courses) + 1}`],
      graded: [],
    };
  });
  const submissions: { learner: Learner; data: EventDataByType['assessment.submitted'] }[] = [];
  const completions: InletEvent[] = [];
  const events: InletEvent[] = [];
  for (let index = 0; index < count; index++) {
    const occurredAt = firstEventAt + index * 400 + random.between(-5_000, 5_000);
    const envelope = {
      eventId: benchEventId(run, index),
      source: 'bench-lti',
      sourceEventName: null,
      occurredAt,
      receivedAt: occurredAt + random.between(20, 2_000),
    };
    const learner = random.pick(learners);
    const contextId = random.pick(learner.courses);
    const type = pickType(random);
    if (type === 'grade.created' || type === 'grade.updated' || type === 'grade.deleted') {
      // Platforms often send grade.updated for a first grade too; a deletion is of a grade that exists.
      const existing =
        type !== 'grade.created' &&
        learner.graded.length > 0 &&
        (type === 'grade.deleted' || random.chance(0.7));
      const resourceLinkId = existing
        ? random.pick(learner.graded)
        : `rl-${contextId}-${random.between(1, linksPerCourse)}`;
      if (!learner.graded.includes(resourceLinkId)) learner.graded.push(resourceLinkId);
      const deleted = type === 'grade.deleted';
      events.push({
        ...envelope,
        type,
        data: {
          gradeId: random.chance(0.5) ? `g-${learner.userId}-${resourceLinkId}` : null,
          userId: learner.userId,
          resourceLinkId,
          contextId,
          score: deleted ? null : random.between(0, 100),
          maxScore: 100,
          gradingProgress: deleted ? null : random.pick(['FullyGraded', 'FullyGraded', 'Pending']),
          comment: random.chance(0.1) ? 'Well argued; cite your sources.' : null,
        },
      });
    } else if (type === 'assessment.submitted') {
      const again = submissions.length > 0 && random.chance(0.2);
      // A submission reported again once graded: the same submission, its score now known.
      const previous = again ? random.pick(submissions) : undefined;
      const data: EventDataByType['assessment.submitted'] = previous
        ? { ...previous.data, score: random.between(0, 20), maxScore: 20 }
        : {
            userId: learner.userId,
            assessmentId: `quiz-${contextId}-${random.between(1, assessmentsPerCourse)}`,
            contextId,
            submissionId: random.chance(0.8) ? `sub-${run}-${index}` : null,
            score: null,
            maxScore: null,
            attempt: random.chance(0.5) ? random.between(1, 3) : null,
          };
      if (!previous) submissions.push({ learner, data });
      events.push({ ...envelope, type, data });
    } else {
      const repeat = completions.length > 0 && random.chance(0.05) ? random.pick(completions) : undefined;
      if (repeat) {
        // Another sender reports a completion already known, under an id of its own.
        events.push({ ...repeat, ...envelope } as InletEvent);
      } else {
        const event: InletEvent =
          type === 'module.completed'
            ? {
                ...envelope,
                type,
                data: {
                  userId: learner.userId,
                  moduleId: `mod-${contextId}-${random.between(1, modulesPerCourse)}`,
                  contextId,
                },
              }
            : { ...envelope, type: 'course.completed', data: { userId: learner.userId, contextId } };
        completions.push(event);
        events.push(event);
      }
    }
  }
  return events;
}

function pickType(random: Random): GradesType {
  let roll = random.next();
  for (const [type, weight] of weights) {
    roll -= weight;
    if (roll < 0) return type;
  }
  return 'grade.updated';
}
