import { describe, expect, it } from 'vitest';
import { itServesMetricsAndHealth, useConsumerUnderTest } from '@inlet/service-kit/testing';
import { uniqueName, waitFor } from '@inlet/test-harness';
import { grades } from '../src/service.js';
import { at, gradeEvent, moduleEvent } from './helpers/events.js';

// The real consumer runtime on unique topics, fed real Avro-encoded events, seen through the read API.
describe('grades consuming from Kafka', () => {
  const service = useConsumerUnderTest(grades);
  const { produce, get, handled } = service;

  it('applies produced grade and progress events, and the read API shows them', async () => {
    const userId = uniqueName('learner');
    await produce(
      gradeEvent(
        'grade.created',
        { userId, resourceLinkId: 'quiz-1', score: 6, maxScore: 10 },
        { occurredAt: at(10) },
      ),
      gradeEvent(
        'grade.updated',
        { userId, resourceLinkId: 'quiz-1', score: 9, maxScore: 10 },
        { occurredAt: at(20) },
      ),
      gradeEvent(
        'grade.created',
        { userId, resourceLinkId: 'essay-1', score: 40, maxScore: 50 },
        { occurredAt: at(30) },
      ),
      moduleEvent({ userId, moduleId: 'module-1' }, { occurredAt: at(40) }),
    );

    const grades = await waitFor(
      async () => {
        const body = (await get(`/grades?userId=${userId}`)).json();
        return body.items.length === 2 && body.items.every((g: { score: number }) => g.score !== 6) && body;
      },
      { what: 'both grades, the update applied' },
    );
    expect(
      grades.items.map((g: { resourceLinkId: string; percentage: number }) => [
        g.resourceLinkId,
        g.percentage,
      ]),
    ).toEqual([
      ['essay-1', 80],
      ['quiz-1', 90],
    ]);
    const progress = await waitFor(async () => {
      const body = (await get(`/progress/${userId}`)).json();
      return body.modules.length === 1 && body;
    });
    expect(progress.modules[0]).toMatchObject({
      moduleId: 'module-1',
      completedAt: new Date(at(40)).toISOString(),
    });
    expect((await get('/health/ready')).statusCode).toBe(200);
  });

  it('a redelivered event is applied once, and an older event produced later changes nothing', async () => {
    const userId = uniqueName('learner');
    const update = gradeEvent(
      'grade.updated',
      { userId, resourceLinkId: 'quiz-1', score: 9, maxScore: 10 },
      { occurredAt: at(20) },
    );
    await produce(update);
    await waitFor(async () => (await get(`/grades/${userId}/quiz-1`)).statusCode === 200, {
      what: 'the grade',
    });
    const applied = (await get(`/grades/${userId}/quiz-1`)).json();
    const before = handled();
    const staleBefore = (await service.metrics.staleEvents.get()).values.reduce(
      (sum, value) => sum + value.value,
      0,
    );

    // Kafka redelivers the same event (same eventId), and a retry of an older change finally arrives.
    await produce(update);
    await produce(
      gradeEvent(
        'grade.updated',
        { userId, resourceLinkId: 'quiz-1', score: 2, maxScore: 10 },
        { occurredAt: at(10) },
      ),
    );
    await waitFor(() => handled() >= before + 2, { what: 'both messages to be handled' });

    expect((await get(`/grades/${userId}/quiz-1`)).json()).toEqual(applied);
    const { rows } = await service.db.pool.query(
      'SELECT count(*)::int AS n FROM grades.processed_events WHERE event_id = $1',
      [update.eventId],
    );
    expect(rows[0]).toEqual({ n: 1 });
    expect(service.consumer.status().skipped).toBeGreaterThanOrEqual(1);
    const staleAfter = (await service.metrics.staleEvents.get()).values.reduce(
      (sum, value) => sum + value.value,
      0,
    );
    expect(staleAfter).toBe(staleBefore + 1);
  });

  itServesMetricsAndHealth(service, { serviceMetrics: ['inlet_grades_stale_events_total'] });
});
