import { describeCursors } from '@inlet/service-kit/testing';
import { memberCursor } from '../src/queries/members.js';
import { membership } from '../src/service.js';

for (const path of ['/contexts/course-1/members', '/users/user-1/contexts']) {
  describeCursors(membership, {
    name: `GET ${path}`,
    cursor: memberCursor,
    sample: { lastKey: 'user-1' },
    url: (cursor) => `${path}?cursor=${cursor}`,
  });
}
