import type { Redis } from 'ioredis';

/**
 * Which event id a body without a sender id gets. Senders such as Canvas and most Moodle plugins send no event
 * id, so a retry can only be told by its bytes; but the same bytes may also be a new event much later (a grade
 * of 80, then 90, then 80 again). The window says how long identical bytes from one source count as one event.
 */
export interface DedupeWindow {
  /**
   * The id already given to `fingerprint` within the window, or else `candidate`, which is then remembered for
   * `windowMs`.
   */
  claim(fingerprint: string, candidate: string, windowMs: number): Promise<string>;
}

/** Enough for a day of id-less webhooks at a few per second per replica; beyond it the oldest are forgotten. */
const DEFAULT_MAX_ENTRIES = 200_000;

/** One process's memory of recent bodies: used alone without Redis, and by each replica while Redis is down. */
export class MemoryDedupeWindow implements DedupeWindow {
  // A Map iterates in insertion order, so its first entries are the oldest.
  private readonly entries = new Map<string, { eventId: string; expiresAt: number }>();

  constructor(
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {}

  claim(fingerprint: string, candidate: string, windowMs: number): Promise<string> {
    const now = this.now();
    const existing = this.entries.get(fingerprint);
    if (existing && existing.expiresAt > now) return Promise.resolve(existing.eventId);
    this.remember(fingerprint, candidate, now + windowMs);
    return Promise.resolve(candidate);
  }

  /** Records an id decided elsewhere (in Redis), so this replica still knows it if Redis goes away. */
  remember(fingerprint: string, eventId: string, expiresAt: number): void {
    this.entries.delete(fingerprint);
    this.dropExpiredAndOverflow(this.now());
    this.entries.set(fingerprint, { eventId, expiresAt });
  }

  get size(): number {
    return this.entries.size;
  }

  private dropExpiredAndOverflow(now: number): void {
    for (const [fingerprint, entry] of this.entries) {
      if (entry.expiresAt > now && this.entries.size < this.maxEntries) break;
      this.entries.delete(fingerprint);
    }
  }
}

const KEY_PREFIX = 'inlet-ingress-dedupe:';

/**
 * The window shared by every replica, in Redis: the first replica to see a body decides its id (SET NX), the
 * others read it. When Redis does not answer, each replica falls back to its own memory, as the rate limits do.
 */
export class RedisDedupeWindow implements DedupeWindow {
  constructor(
    private readonly redis: Redis,
    private readonly memory: MemoryDedupeWindow,
    private readonly onRedisError: (error: unknown) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(fingerprint: string, candidate: string, windowMs: number): Promise<string> {
    try {
      const eventId = await this.claimInRedis(KEY_PREFIX + fingerprint, candidate, windowMs);
      this.memory.remember(fingerprint, eventId, this.now() + windowMs);
      return eventId;
    } catch (error) {
      this.onRedisError(error);
      return this.memory.claim(fingerprint, candidate, windowMs);
    }
  }

  private async claimInRedis(key: string, candidate: string, windowMs: number): Promise<string> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if ((await this.redis.set(key, candidate, 'PX', windowMs, 'NX')) === 'OK') return candidate;
      const existing = await this.redis.get(key);
      if (existing !== null) return existing;
      // The key expired between SET and GET: the window just ended, so try to open a new one.
    }
    return candidate;
  }
}

/** Redis when the ingress has one (REDIS_URL), else this process's memory. */
export function createDedupeWindow(options: {
  redis?: Redis;
  onRedisError?: (error: unknown) => void;
  now?: () => number;
}): DedupeWindow {
  const now = options.now ?? Date.now;
  const memory = new MemoryDedupeWindow(DEFAULT_MAX_ENTRIES, now);
  return options.redis ? new RedisDedupeWindow(options.redis, memory, options.onRedisError, now) : memory;
}
