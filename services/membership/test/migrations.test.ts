import { describeServiceMigrations } from '@inlet/service-kit/testing';
import { membership } from '../src/service.js';

describeServiceMigrations({
  service: membership,
  migrations: [
    '1767225600000_processed-events',
    '1767225600001_members',
    '1796325867158_processed-events-retention',
  ],
  tables: ['member_events', 'members', 'pgmigrations', 'processed_events'],
});
