import { describe, expect, it } from 'vitest';
import { useContentFixture } from './helpers/read-api-fixture.js';

// Daily engagement counters through the read API, of an element and of a user.
const { userId, get, expectProblem } = useContentFixture();

describe('GET /engagement', () => {
  const lesson = `/engagement/elements/${encodeURIComponent('lesson:photosynthesis')}`;

  it("an element's counters per UTC day, oldest first, with totals", async () => {
    const response = await get(lesson);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      element: 'lesson:photosynthesis',
      from: null,
      to: null,
      days: [
        { day: '2026-11-23', views: 1, clicks: 0, interactions: 0 },
        { day: '2026-11-24', views: 2, clicks: 0, interactions: 1 },
      ],
      totals: { views: 3, clicks: 0, interactions: 1 },
    });
  });

  it('from and to bound the days, both included; an element with "#" travels encoded', async () => {
    expect((await get(`${lesson}?from=2026-11-24&to=2026-11-24`)).json()).toMatchObject({
      from: '2026-11-24',
      to: '2026-11-24',
      days: [{ day: '2026-11-24', views: 2 }],
      totals: { views: 2, clicks: 0, interactions: 1 },
    });
    expect((await get(`${lesson}?to=2026-11-23`)).json().totals).toEqual({
      views: 1,
      clicks: 0,
      interactions: 0,
    });
    expect(
      (await get(`/engagement/elements/${encodeURIComponent('button#show-hint')}`)).json().totals,
    ).toEqual({ views: 0, clicks: 1, interactions: 0 });
  });

  it("a user's counters per UTC day", async () => {
    expect((await get(`/engagement/users/${userId}?from=2026-11-24`)).json()).toEqual({
      userId,
      from: '2026-11-24',
      to: null,
      days: [{ day: '2026-11-24', views: 2, clicks: 1, interactions: 1 }],
      totals: { views: 2, clicks: 1, interactions: 1 },
    });
  });

  it('nothing recorded: 200 with no days, also for a long element name', async () => {
    const nobody = (await get(`/engagement/elements/${'x'.repeat(1000)}`)).json();
    expect(nobody).toMatchObject({ days: [], totals: { views: 0, clicks: 0, interactions: 0 } });
    expect((await get('/engagement/users/nobody')).json().days).toEqual([]);
  });

  it.each([
    ['a day that does not exist', '?from=2026-02-30', 'INLET_REQUEST_INVALID', '/querystring/from'],
    ['a day that is not a date', '?to=yesterday', 'INLET_REQUEST_INVALID', '/querystring/to'],
    ['from after to', '?from=2026-11-25&to=2026-11-24', 'INLET_DATE_RANGE_INVALID', '/querystring/from'],
  ])('400 problem+json for %s', async (_case, query, code, field) => {
    expectProblem(await get(`${lesson}${query}`), 400, { code, field });
    expectProblem(await get(`/engagement/users/${userId}${query}`), 400, { code, field });
  });

  it('400 for an element longer than 1024 characters', async () => {
    expectProblem(await get(`/engagement/elements/${'x'.repeat(1025)}`), 400, {
      code: 'INLET_REQUEST_INVALID',
      field: '/params/element',
    });
  });
});
