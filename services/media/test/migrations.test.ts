import { describeServiceMigrations } from '@inlet/service-kit/testing';
import { media } from '../src/service.js';

describeServiceMigrations({
  service: media,
  migrations: [
    '1767225600000_processed-events',
    '1767225600001_videos',
    '1796325872601_processed-events-retention',
  ],
  tables: ['pgmigrations', 'processed_events', 'transcript_segments', 'videos'],
});
