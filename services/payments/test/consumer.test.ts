import type { FastifyInstance } from 'fastify';
import type { Kafka, Producer } from 'kafkajs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryHeaders, type ServiceConsumer } from '@inlet/kafka-runtime';
import { createEventCodec, EmbeddedRegistry, partitionKey, type InletEvent } from '@inlet/schemas';
import { testKafka, uniqueName, waitFor } from '@inlet/test-harness';
import type { ServiceTopics } from '@inlet/topics';
import { buildApp } from '../src/app.js';
import { createPaymentsConsumer } from '../src/consumer.js';
import { createMetrics, type PaymentsMetrics } from '../src/metrics.js';
import { createMigratedDatabase, type MigratedDatabase } from './helpers/database.js';
import { at, paymentEvent, subscriptionEvent } from './helpers/events.js';
import { createPaymentsTopics, readRecords, uniquePaymentsTopics } from './helpers/topics.js';

// The real consumer runtime on unique topics, fed real Avro-encoded events, seen through the read API.
describe('payments consuming from Kafka', () => {
  const codec = createEventCodec({ registry: new EmbeddedRegistry() });
  let db: MigratedDatabase;
  let kafka: Kafka;
  let topics: ServiceTopics;
  let deleteTopics: () => Promise<void>;
  let producer: Producer;
  let metrics: PaymentsMetrics;
  let consumer: ServiceConsumer;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    kafka = testKafka();
    topics = uniquePaymentsTopics();
    deleteTopics = await createPaymentsTopics(kafka, topics);
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    metrics = createMetrics();
    consumer = createPaymentsConsumer({
      kafka,
      pool: db.pool,
      codec,
      log: pino({ level: 'fatal' }),
      metrics,
      topics,
    });
    await consumer.start();
    app = await buildApp({ pool: db.pool, consumerStatus: () => consumer.status(), metrics });
  });
  afterAll(async () => {
    await app?.close();
    await consumer?.stop();
    await producer?.disconnect();
    await deleteTopics?.();
    await db?.close();
  });

  /** As the ingress produces: Avro in the Confluent wire format, keyed by the payment or subscription. */
  async function produce(...events: InletEvent[]): Promise<void> {
    await producer.send({
      topic: topics.main,
      acks: -1,
      messages: await Promise.all(
        events.map(async (event) => ({
          key: partitionKey(event),
          value: (await codec.encode(event)).value,
          headers: {
            'inlet-event-id': event.eventId,
            'inlet-event-type': event.type,
            'inlet-source': event.source,
          },
        })),
      ),
    });
  }

  const get = (url: string) => app.inject({ method: 'GET', url });
  const handled = () => {
    const status = consumer.status();
    return status.processed + status.skipped;
  };

  it("applies Stripe's events of one payment, a refund and a subscription; the read API shows them", async () => {
    const userId = uniqueName('learner');
    const paymentId = uniqueName('pi');
    const subscriptionId = uniqueName('sub');
    const success = (sourceEventName: string, seconds: number) =>
      paymentEvent(
        'payment.success',
        { paymentId, userId, courseId: 'course_bio101' },
        { occurredAt: at(seconds), sourceEventName },
      );
    await produce(
      success('charge.succeeded', 9),
      success('payment_intent.succeeded', 10),
      success('checkout.session.completed', 11),
      paymentEvent(
        'payment.refunded',
        { paymentId, userId, courseId: 'course_bio101', amountRefunded: 2450 },
        { occurredAt: at(20), sourceEventName: 'charge.refunded' },
      ),
      subscriptionEvent('subscription.created', { subscriptionId, userId }, { occurredAt: at(30) }),
    );

    const payment = await waitFor(
      async () => {
        const response = await get(`/payments/${paymentId}`);
        return response.statusCode === 200 && response.json().entries === 4 && response.json();
      },
      { what: 'the payment with its four ledger entries' },
    );
    expect(payment).toMatchObject({
      status: 'partially_refunded',
      currency: 'usd',
      captured: 4900,
      refunded: 2450,
      balance: 2450,
    });
    const entitlements = await waitFor(async () => {
      const body = (await get(`/users/${userId}/entitlements`)).json();
      return body.items.length === 2 && body;
    });
    expect(entitlements.items.map((item: { courseId: string | null }) => item.courseId)).toEqual([
      null,
      'course_bio101',
    ]);
    const ledger = (await get(`/users/${userId}/ledger`)).json();
    expect(ledger.items.map((entry: { kind: string }) => entry.kind)).toEqual([
      'refund',
      'duplicate_capture',
      'duplicate_capture',
      'capture',
    ]);
    expect((await get('/health/ready')).statusCode).toBe(200);
  });

  it('a redelivered event is applied once: no second ledger entry', async () => {
    const paymentId = uniqueName('pi');
    const refund = paymentEvent('payment.refunded', { paymentId, amountRefunded: 1000 });
    await produce(paymentEvent('payment.success', { paymentId }), refund);
    await waitFor(async () => (await get(`/payments/${paymentId}`)).json().entries === 2, {
      what: 'the payment and its refund',
    });
    const before = handled();

    await produce(refund);
    await waitFor(() => handled() >= before + 1, { what: 'the redelivery to be handled' });

    expect((await get(`/payments/${paymentId}`)).json()).toMatchObject({ entries: 2, refunded: 1000 });
    const { rows } = await db.pool.query(
      'SELECT count(*)::int AS n FROM payments.processed_events WHERE event_id = $1',
      [refund.eventId],
    );
    expect(rows[0]).toEqual({ n: 1 });
    expect(consumer.status().skipped).toBeGreaterThanOrEqual(1);
  });

  it('an amount or currency no retry can fix goes straight to the DLQ, and nothing is recorded', async () => {
    const badCurrency = paymentEvent('payment.success', { paymentId: uniqueName('pi'), currency: 'xx1' });
    const badRefund = paymentEvent('payment.refunded', {
      paymentId: uniqueName('pi'),
      amount: 100,
      amountRefunded: 500,
    });
    await produce(badCurrency, badRefund);

    const dead = await readRecords(kafka, topics.dlq, 2);
    const byId = new Map(dead.map((record) => [record.headers['inlet-event-id'], record.headers]));
    for (const event of [badCurrency, badRefund]) {
      expect(byId.get(event.eventId)).toMatchObject({
        [retryHeaders.attempt]: '1',
        [retryHeaders.errorClass]: 'PermanentError',
        [retryHeaders.errorCode]: 'INLET_PAYMENT_EVENT_INVALID',
      });
    }
    for (const event of [badCurrency, badRefund]) {
      expect((await get(`/payments/${event.data.paymentId}`)).statusCode).toBe(404);
    }
  });

  it('a transient database failure is retried through the retry tiers, and the event applies once it clears', async () => {
    const paymentId = uniqueName('pi');
    // The ledger refuses this payment's entries for a while, as a failing database would.
    await db.pool.query(
      `ALTER TABLE payments.ledger ADD CONSTRAINT outage CHECK (payment_id <> '${paymentId}') NOT VALID`,
    );
    const retriedBefore = consumer.status().retried;
    try {
      await produce(paymentEvent('payment.success', { paymentId }));
      await waitFor(() => consumer.status().retried > retriedBefore, {
        what: 'the event to be sent to retry',
      });
    } finally {
      await db.pool.query('ALTER TABLE payments.ledger DROP CONSTRAINT outage');
    }

    const payment = await waitFor(async () => {
      const response = await get(`/payments/${paymentId}`);
      return response.statusCode === 200 && response.json();
    });
    expect(payment).toMatchObject({ status: 'succeeded', captured: 4900, entries: 1 });
  });

  it('one /metrics shows the consumer runtime and the service', async () => {
    const body = (await get('/metrics')).body;
    expect(body).toContain('inlet_consumer_messages_total');
    expect(body).toMatch(/inlet_payments_ledger_entries_total\{kind="duplicate_capture"\} [1-9]/);
  });

  it('is not ready once the consumer has stopped', async () => {
    await consumer.stop();
    const ready = await get('/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ checks: { consumer: 'failing', database: 'ok' } });
  });
});
