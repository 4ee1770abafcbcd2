import { Redis } from 'ioredis';
import { uniqueName } from './kafka.js';
import { redact } from './postgres.js';

export const defaultRedisUrl = 'redis://127.0.0.1:6379';

export interface TestRedis {
  url: string;
  /** Every key this test writes starts with it, so parallel files and repeated runs never collide. */
  keyPrefix: string;
  /** Prefixes every key it writes with `keyPrefix` by itself (ioredis keyPrefix). */
  client: Redis;
  /** Deletes this test's keys and closes the client. */
  cleanup(): Promise<void>;
}

/** A Redis client for one test file on the server at REDIS_URL, isolated by a unique key prefix. */
export async function createTestRedis(): Promise<TestRedis> {
  const url = process.env.REDIS_URL ?? defaultRedisUrl;
  const keyPrefix = `${uniqueName('inlet-test')}:`;
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    keyPrefix,
  });
  // Connection failures surface from connect() below; without a listener ioredis would also print them.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new Error(
      `Redis is not answering at ${redact(url)} (REDIS_URL): ${(error as Error).message}. ` +
        'Start Redis or point REDIS_URL at one.',
      { cause: error },
    );
  }
  return {
    url,
    keyPrefix,
    client,
    async cleanup() {
      // KEYS is not prefixed by ioredis, DEL is: strip the prefix before deleting.
      const keys = await client.keys(`${keyPrefix}*`);
      if (keys.length > 0) await client.del(...keys.map((key) => key.slice(keyPrefix.length)));
      await client.quit();
    },
  };
}
