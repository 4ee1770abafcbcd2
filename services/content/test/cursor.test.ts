import { describeCursors } from '@inlet/service-kit/testing';
import { catalogCursor } from '../src/queries/catalog.js';
import { content } from '../src/service.js';

describeCursors(content, {
  name: 'GET /contexts/:contextId/content',
  cursor: catalogCursor,
  sample: { lastEventAt: new Date('2026-11-23T12:00:00.123Z'), contentId: 'page/7 ✓' },
  url: (cursor) => `/contexts/course-1/content?cursor=${cursor}`,
});
