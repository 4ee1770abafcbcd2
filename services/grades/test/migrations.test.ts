import { describeServiceMigrations } from '@inlet/service-kit/testing';
import { grades } from '../src/service.js';

describeServiceMigrations({
  service: grades,
  migrations: [
    '1767225600000_processed-events',
    '1767225600001_gradebook',
    '1767225600002_progress',
    '1796325866048_processed-events-retention',
  ],
  tables: [
    'assessment_submissions',
    'course_completions',
    'gradebook',
    'module_completions',
    'pgmigrations',
    'processed_events',
  ],
});
