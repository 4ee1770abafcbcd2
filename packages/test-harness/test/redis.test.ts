import { describe, expect, it } from 'vitest';
import { createTestRedis } from '../src/index.js';

describe('the real Redis of the test run', () => {
  it('isolates keys by prefix and deletes them on cleanup', async () => {
    const redis = await createTestRedis();
    await redis.client.incrby('counter', 3);
    expect(await redis.client.get('counter')).toBe('3');

    const observer = await createTestRedis();
    expect(await observer.client.get('counter')).toBeNull();
    const fullKey = `${redis.keyPrefix}counter`;
    expect(await observer.client.keys(fullKey)).toEqual([fullKey]);
    await redis.cleanup();
    expect(await observer.client.keys(fullKey)).toEqual([]);
    await observer.cleanup();
  });

  it('names the missing server when Redis does not answer', async () => {
    const saved = process.env.REDIS_URL;
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    try {
      await expect(createTestRedis()).rejects.toThrow(/Redis is not answering at redis:\/\/127\.0\.0\.1:1/);
    } finally {
      if (saved === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = saved;
    }
  });
});
