import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRedis, type TestRedis } from '@inlet/test-harness';
import { eventIdOf } from '../src/pipeline/accept-webhook.js';
import { MemoryDedupeWindow, RedisDedupeWindow } from '../src/pipeline/dedupe-window.js';
import type { Source } from '../src/sources/types.js';

const hour = 60 * 60 * 1000;
const source = (id: string, dedupeWindowSeconds = 24 * 60 * 60) =>
  ({ id, dedupeWindowSeconds }) as Pick<Source, 'id' | 'dedupeWindowSeconds'> as Source;
const body = (text: string) => Buffer.from(text);

describe('eventIdOf: an id names the event, never the delivery', () => {
  it("takes the sender's id whatever the bytes, scoped by source", async () => {
    const deps = { dedupe: new MemoryDedupeWindow() };
    const stripe = { source: source('stripe'), rawBody: body('{"id":"evt_1"}') };
    const id = await eventIdOf(deps, stripe, 'evt_1', 0);
    expect(await eventIdOf(deps, { ...stripe, rawBody: body('other bytes') }, 'evt_1', 10 * hour)).toBe(id);
    expect(await eventIdOf(deps, { ...stripe, source: source('progress') }, 'evt_1', 0)).not.toBe(id);
  });

  it('without a sender id: the same bytes within the window are one event, after it a new one', async () => {
    let now = Date.UTC(2026, 11, 3);
    const deps = { dedupe: new MemoryDedupeWindow(1000, () => now) };
    const canvas = source('canvas', 3600);
    const grade = (score: number) => ({ source: canvas, rawBody: body(`{"score":${score}}`) });

    const first80 = await eventIdOf(deps, grade(80), null, now);
    now += 10 * 60 * 1000; // Canvas retries the same delivery ten minutes later
    expect(await eventIdOf(deps, grade(80), null, now)).toBe(first80);
    const ninety = await eventIdOf(deps, grade(90), null, now);
    expect(ninety).not.toBe(first80);
    now += 2 * hour; // a teacher sets 80 again, past the window: a new event, so the grade goes back to 80
    const second80 = await eventIdOf(deps, grade(80), null, now);
    expect(second80).not.toBe(first80);
    expect(second80).not.toBe(ninety);
  });

  it('scopes bodies by source', async () => {
    const deps = { dedupe: new MemoryDedupeWindow() };
    const rawBody = body('{"score":80}');
    expect(await eventIdOf(deps, { source: source('a'), rawBody }, null, 0)).not.toBe(
      await eventIdOf(deps, { source: source('b'), rawBody }, null, 0),
    );
  });

  it('looks like an RFC 9562 version 8 UUID', async () => {
    const deps = { dedupe: new MemoryDedupeWindow() };
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(await eventIdOf(deps, { source: source('c'), rawBody: body('x') }, null, 0)).toMatch(uuid);
    expect(await eventIdOf(deps, { source: source('c'), rawBody: body('x') }, 'evt_9', 0)).toMatch(uuid);
  });
});

describe('MemoryDedupeWindow', () => {
  it('forgets the oldest entries beyond its size', async () => {
    const window = new MemoryDedupeWindow(3, () => 0);
    for (const key of ['a', 'b', 'c', 'd']) await window.claim(key, `id-${key}`, hour);
    expect(window.size).toBe(3);
    expect(await window.claim('a', 'new-a', hour)).toBe('new-a');
    expect(await window.claim('d', 'new-d', hour)).toBe('id-d');
  });
});

describe('RedisDedupeWindow: one window for every replica', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await createTestRedis();
  });
  afterAll(() => redis.cleanup());

  it('gives a body seen by two replicas the id the first one chose', async () => {
    const replicaA = new RedisDedupeWindow(redis.client, new MemoryDedupeWindow());
    const replicaB = new RedisDedupeWindow(redis.client, new MemoryDedupeWindow());
    expect(await replicaA.claim('fp-1', 'id-from-a', hour)).toBe('id-from-a');
    expect(await replicaB.claim('fp-1', 'id-from-b', hour)).toBe('id-from-a');
  });

  it('opens a new window once the old one expired', async () => {
    const window = new RedisDedupeWindow(redis.client, new MemoryDedupeWindow());
    expect(await window.claim('fp-2', 'first', 150)).toBe('first');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await window.claim('fp-2', 'second', 150)).toBe('second');
  });

  it("falls back to the replica's memory while Redis does not answer", async () => {
    const memory = new MemoryDedupeWindow();
    const shared = new RedisDedupeWindow(redis.client, memory);
    expect(await shared.claim('fp-3', 'decided-in-redis', hour)).toBe('decided-in-redis');

    const unreachable = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    unreachable.on('error', () => undefined);
    const errors: unknown[] = [];
    const cut = new RedisDedupeWindow(unreachable, memory, (error) => errors.push(error));
    // The id decided while Redis answered is still known, and a new body is remembered in memory.
    expect(await cut.claim('fp-3', 'other', hour)).toBe('decided-in-redis');
    expect(await cut.claim('fp-4', 'during-outage', hour)).toBe('during-outage');
    expect(await cut.claim('fp-4', 'retry', hour)).toBe('during-outage');
    expect(errors.length).toBeGreaterThan(0);
    unreachable.disconnect();
  });
});
