/** What orders two reports: when they happened (epoch ms), then their event ids. */
export interface Ordered {
  occurredAt: number;
  eventId: string;
}

/**
 * The database's order of two reports: occurredAt, then the event id byte-wise (the event id columns are
 * COLLATE "C"). Negative when `a` is earlier. A run is reduced in JavaScript with it before the one statement
 * that writes it, so it must pick what the SQL comparisons would.
 */
export function compareReports(a: Ordered, b: Ordered): number {
  const at = a.occurredAt - b.occurredAt;
  if (at !== 0) return at;
  return Buffer.compare(Buffer.from(a.eventId), Buffer.from(b.eventId));
}

/**
 * One value per key: `keep(held, next)` says whether `next` replaces the value held so far. Returned in the
 * order of their keys: rows locked in one order by every transaction cannot deadlock each other.
 */
export function reduceByKey<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  keep: (held: T, next: T) => T,
): T[] {
  const kept = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    const held = kept.get(key);
    kept.set(key, held === undefined ? item : keep(held, item));
  }
  return [...kept.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, item]) => item);
}

/** The key of a row as a string: a JSON array, so no separator can make two keys collide. */
export const rowKey = (...parts: string[]): string => JSON.stringify(parts);
