import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itServesMetricsAndHealth, useConsumerUnderTest } from '@inlet/service-kit/testing';
import { uniqueName, waitFor } from '@inlet/test-harness';
import { membership } from '../src/service.js';
import { at, enrolledEvent, lti, memberEvent, moodleEnrolment } from './helpers/events.js';

// The real consumer runtime on unique topics, fed real Avro-encoded events, seen through the read API.
describe('membership consuming from Kafka', () => {
  // The permanent and retryable failures below are on purpose; their log lines would only be noise.
  const service = useConsumerUnderTest(membership, { logLevel: 'fatal' });
  const { produce, get, handled } = service;
  let admin: Admin;

  beforeAll(async () => {
    admin = service.kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.disconnect();
  });

  const counter = async (metric: { get(): Promise<{ values: { value: number }[] }> }) =>
    (await metric.get()).values.reduce((sum, value) => sum + value.value, 0);

  it('applies produced Canvas, Moodle, LTI and commerce events, and the read API shows the roster', async () => {
    const contextId = uniqueName('course');
    await produce(
      memberEvent(
        'member.added',
        { contextId, userId: 'canvas-1', roles: ['StudentEnrollment'], status: 'invited' },
        { occurredAt: at(10), sourceEventName: 'enrollment_created' },
      ),
      memberEvent(
        'member.updated',
        { contextId, userId: 'canvas-1', roles: ['StudentEnrollment'], status: 'active' },
        { occurredAt: at(20), sourceEventName: 'enrollment_updated' },
      ),
      ...moodleEnrolment('moodle-1', '3', at(10), contextId),
      memberEvent('member.added', { contextId, userId: 'lti-1', roles: [lti.teachingAssistant] }),
      enrolledEvent({ contextId, userId: 'buyer-1', orderId: 'order-1' }),
    );

    const roster = await waitFor(
      async () => {
        const body = (await get(`/contexts/${contextId}/members`)).json();
        return body.items.length === 4 && body.items[1]?.status === 'active' && body;
      },
      { what: 'all four members, the Canvas enrollment accepted' },
    );
    expect(
      roster.items.map((m: { userId: string; normalizedRoles: string[]; status: string }) => [
        m.userId,
        m.normalizedRoles,
        m.status,
      ]),
    ).toEqual([
      ['buyer-1', ['learner'], 'active'],
      ['canvas-1', ['learner'], 'active'],
      ['lti-1', ['teaching_assistant'], 'active'],
      ['moodle-1', ['instructor'], 'active'],
    ]);
    expect((await get(`/users/buyer-1/contexts`)).json().items).toEqual([
      expect.objectContaining({ contextId, orderId: 'order-1' }),
    ]);
    expect((await get('/health/ready')).statusCode).toBe(200);
  });

  it('a redelivered event is applied once, and an older event produced later does not undo a removal', async () => {
    const contextId = uniqueName('course');
    const added = memberEvent(
      'member.added',
      { contextId, userId: 'u-1', roles: [lti.learner] },
      { occurredAt: at(10) },
    );
    const removed = memberEvent('member.removed', { contextId, userId: 'u-1' }, { occurredAt: at(30) });
    await produce(added, removed);
    const member = `/contexts/${contextId}/members/u-1`;
    await waitFor(async () => (await get(member)).json().status === 'removed', { what: 'the removal' });
    const before = handled();
    const outOfOrderBefore = await counter(service.metrics.outOfOrderEvents);

    // Kafka redelivers the removal (same eventId), and a retried update from before it finally arrives.
    await produce(removed);
    await produce(
      memberEvent('member.updated', { contextId, userId: 'u-1', status: 'active' }, { occurredAt: at(20) }),
    );
    await waitFor(() => handled() >= before + 2, { what: 'both messages to be handled' });

    const body = (await get(member)).json();
    expect(body).toMatchObject({ status: 'removed', removedAt: new Date(at(30)).toISOString() });
    expect(body.history).toHaveLength(3);
    const { rows } = await service.db.pool.query(
      'SELECT count(*)::int AS n FROM membership.processed_events WHERE event_id = $1',
      [removed.eventId],
    );
    expect(rows[0]).toEqual({ n: 1 });
    expect(service.consumer.status().skipped).toBeGreaterThanOrEqual(1);
    expect(await counter(service.metrics.outOfOrderEvents)).toBe(outOfOrderBefore + 1);
  });

  it('an event no retry can fix goes straight to the DLQ; nothing is written', async () => {
    const contextId = uniqueName('course');
    const { deadLettered: before, retried } = service.consumer.status();
    await produce(memberEvent('member.added', { contextId, userId: 'u'.repeat(256), roles: [lti.learner] }));
    await waitFor(() => service.consumer.status().deadLettered > before, {
      what: 'the event to be dead-lettered',
    });
    const [dlq] = await admin.fetchTopicOffsets(service.topics.dlq);
    expect(Number(dlq?.high)).toBeGreaterThan(0);
    expect(service.consumer.status().retried).toBe(retried);
    expect((await get(`/contexts/${contextId}/members?status=removed&status=active`)).json().items).toEqual(
      [],
    );
  });

  it('a database failure is retried through a retry tier and applied once the database is back', async () => {
    const contextId = uniqueName('course');
    const before = service.consumer.status().retried;
    // The table vanishing is an outage no one event caused: every write fails until it is back.
    await service.db.pool.query('ALTER TABLE membership.members RENAME TO members_away');
    try {
      await produce(enrolledEvent({ contextId, userId: 'u-1', orderId: 'order-5' }));
      await waitFor(() => service.consumer.status().retried > before, {
        what: 'the event to be sent to a retry tier',
      });
    } finally {
      await service.db.pool.query('ALTER TABLE membership.members_away RENAME TO members');
    }
    const member = await waitFor(
      async () => {
        const response = await get(`/contexts/${contextId}/members/u-1`);
        return response.statusCode === 200 && response.json();
      },
      { what: 'the retried event to be applied', timeoutMs: 20_000 },
    );
    expect(member).toMatchObject({ status: 'active', orderId: 'order-5', history: [expect.any(Object)] });
  });

  itServesMetricsAndHealth(service, {
    serviceMetrics: ['inlet_membership_out_of_order_events_total', 'inlet_membership_unknown_roles_total'],
  });
});
