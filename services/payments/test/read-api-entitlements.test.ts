import { describe, expect, it } from 'vitest';
import { useReadApiFixture } from './helpers/read-api-fixture.js';
import { at } from './helpers/events.js';

// The read API via inject() against the real database, filled by the real handlers.
describe('GET /users/:userId/entitlements', () => {
  const { userId, bio, chem, subscriptionId, get } = useReadApiFixture();

  it('the courses valid now with their sources; all courses first; failed payments unlock nothing', async () => {
    const response = await get(`/users/${userId}/entitlements`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      userId,
      items: [
        {
          courseId: null,
          allCourses: true,
          grantedAt: new Date(at(50)).toISOString(),
          validUntil: null,
          sources: [
            {
              kind: 'subscription',
              id: subscriptionId,
              grantedAt: new Date(at(50)).toISOString(),
              validUntil: null,
            },
          ],
        },
        {
          courseId: 'bio',
          allCourses: false,
          grantedAt: new Date(at(10)).toISOString(),
          validUntil: null,
          sources: [
            { kind: 'payment', id: bio, grantedAt: new Date(at(10)).toISOString(), validUntil: null },
          ],
        },
        {
          courseId: 'chem',
          allCourses: false,
          grantedAt: new Date(at(30)).toISOString(),
          validUntil: null,
          sources: [
            { kind: 'payment', id: chem, grantedAt: new Date(at(30)).toISOString(), validUntil: null },
          ],
        },
      ],
      nextCursor: null,
    });
  });

  it('pages by course; a user never heard of has none', async () => {
    const first = (await get(`/users/${userId}/entitlements?limit=2`)).json();
    expect(first.items.map((item: { courseId: string | null }) => item.courseId)).toEqual([null, 'bio']);
    const second = (await get(`/users/${userId}/entitlements?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({ items: [{ courseId: 'chem' }], nextCursor: null });
    expect((await get('/users/nobody/entitlements')).json()).toEqual({
      userId: 'nobody',
      items: [],
      nextCursor: null,
    });
  });
});
