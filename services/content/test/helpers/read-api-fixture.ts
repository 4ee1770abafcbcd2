import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { useReadApi } from '@inlet/service-kit/testing';
import { content } from '../../src/service.js';
import { eventApplier } from './apply.js';
import { at, behaviorEvent, contentEvent, deepLinkEvent } from './events.js';

/**
 * The read API via inject() against a real database of the test file's own, filled by the real handlers with
 * one course's catalog (an assignment, a discussion, pages, a quiz, a tombstone), an item of another course, a
 * deep link and a learner's behavior over two days. Opened before the file's tests, closed after them.
 */
export function useContentFixture() {
  // Unique per run, so nothing else in the database matches the search words the tests use.
  const course = `course-${randomUUID()}`;
  const otherCourse = `course-${randomUUID()}`;
  const id = (name: string) => `${name}-${course}`;
  const userId = `user-${randomUUID()}`;
  const day1 = Date.parse('2026-11-23T10:00:00.000Z');
  const day2 = Date.parse('2026-11-24T10:00:00.000Z');

  const api = useReadApi(content, async (db) => {
    const { apply } = eventApplier(db.pool);
    const inCourse = { contextId: course };
    await apply(
      contentEvent(
        'content.created',
        {
          ...inCourse,
          contentId: id('a1'),
          contentType: 'assignment',
          title: 'Cell Structure Lab Report',
          url: 'https://school.example/courses/565/assignments/355',
          resourceLinkId: 'rl-355',
          body: '<p>Describe the organelles you observed under the microscope.</p>',
        },
        { occurredAt: at(10) },
      ),
      contentEvent(
        'content.created',
        {
          ...inCourse,
          contentId: id('d1'),
          contentType: 'discussion_topic',
          title: 'Week 3: Organelles',
          body: '<h3>Week 3</h3><p>Which organelle surprised you most, and why?</p>',
        },
        { occurredAt: at(20) },
      ),
      contentEvent(
        'content.created',
        {
          ...inCourse,
          contentId: id('p1'),
          contentType: 'page',
          title: 'Photosynthesis explained',
          body: 'Plants turn light into sugar.<script>alert(1)</script> Tom &amp; Jerry say a &lt;b&gt; tag is not bold.',
        },
        { occurredAt: at(30) },
      ),
      contentEvent(
        'content.created',
        { ...inCourse, contentId: id('q1'), contentType: 'quiz', title: 'Week 3 check-in quiz' },
        { occurredAt: at(40) },
      ),
      contentEvent(
        'content.created',
        { ...inCourse, contentId: id('unit/7'), contentType: 'page', title: 'Unit seven' },
        { occurredAt: at(5) },
      ),
      contentEvent(
        'content.created',
        { ...inCourse, contentId: id('old1'), title: 'Mitochondria notes', body: 'organelles' },
        { occurredAt: at(1) },
      ),
      contentEvent('content.deleted', { ...inCourse, contentId: id('old1') }, { occurredAt: at(50) }),
      contentEvent(
        'content.created',
        {
          contextId: otherCourse,
          contentId: id('x1'),
          title: 'Organelles essay',
          body: 'Organelles, organelles everywhere.',
        },
        { occurredAt: at(15) },
      ),
      deepLinkEvent(
        {
          linkId: id('dl-1'),
          contextId: course,
          configuration: '{"title":"Cells quiz","questionCount":10,"shuffle":true}',
        },
        { occurredAt: at(60) },
      ),
      behaviorEvent(userId, [
        ['view', 'lesson:photosynthesis', day1],
        ['view', 'lesson:photosynthesis', day2],
        ['view', 'lesson:photosynthesis', day2 + 1000],
        ['click', 'button#show-hint', day2 + 2000],
        ['interaction', 'lesson:photosynthesis', day2 + 3000],
      ]),
    );
  });

  const { get } = api;
  /** The items' content ids without the course suffix id() adds. */
  const idsOf = (body: { items: { contentId: string }[] }) =>
    body.items.map((item) => item.contentId.replace(`-${course}`, ''));
  const expectProblem = (
    response: Awaited<ReturnType<typeof get>>,
    status: number,
    problem: Record<string, unknown>,
  ) => {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status, ...problem });
  };

  return { course, otherCourse, id, userId, get, idsOf, expectProblem };
}
