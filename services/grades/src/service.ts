import { defineConsumerService } from '@inlet/service-kit';
import { createHandlers } from './handlers/index.js';
import { gradeRoutes } from './routes/grades.js';
import { progressRoutes } from './routes/progress.js';

/** Grades and progress: inlet.grades.v1 into a gradebook and learner progress, with a read API. */
export const grades = defineConsumerService({
  name: 'grades',
  port: 8081,
  migrations: new URL('../migrations', import.meta.url),
  metrics: ({ counter }) => ({
    staleEvents: counter(
      'stale_events_total',
      'Grade events that changed nothing because a newer event for the same grade was already applied',
      ['type'],
    ),
  }),
  handlers: ({ metrics }) => createHandlers({ onStale: (type) => metrics.staleEvents.inc({ type }) }),
  routes: [gradeRoutes, progressRoutes],
});
