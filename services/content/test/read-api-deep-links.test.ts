import { describe, expect, it } from 'vitest';
import { at } from './helpers/events.js';
import { useContentFixture } from './helpers/read-api-fixture.js';

// One deep link through the read API.
const { course, id, get, expectProblem } = useContentFixture();

describe('GET /deep-links/:linkId', () => {
  it('answers the link with its configuration object', async () => {
    const response = await get(`/deep-links/${id('dl-1')}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      linkId: id('dl-1'),
      resourceType: 'assessment',
      contextId: course,
      createdBy: 'instructor-1',
      configuration: { title: 'Cells quiz', questionCount: 10, shuffle: true },
      source: 'test-lti',
      createdAt: new Date(at(60)).toISOString(),
      eventId: expect.any(String),
    });
  });

  it('404 problem+json for a link never created', async () => {
    expectProblem(await get('/deep-links/dl-none'), 404, { code: 'INLET_DEEP_LINK_NOT_FOUND' });
  });
});
