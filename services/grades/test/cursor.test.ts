import { describeCursors } from '@inlet/service-kit/testing';
import { gradeCursor } from '../src/queries/gradebook.js';
import { grades } from '../src/service.js';

describeCursors(grades, {
  name: 'GET /grades',
  cursor: gradeCursor,
  sample: { lastEventAt: new Date('2026-11-23T12:00:00.123Z'), resourceLinkId: 'unit/7 ✓' },
  url: (cursor) => `/grades?userId=u-1&cursor=${cursor}`,
});
