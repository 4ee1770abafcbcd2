import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/** A page as every list route answers it. */
export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

/**
 * Follows a list route's `nextCursor` from `url` (which sets its own `limit`) until the last page, each page
 * expected to answer 200. Resolves with how many pages there were and every item in the order served, for the
 * test to check that paging skipped nothing and repeated nothing.
 */
export async function readAllPages<Item>(
  get: (url: string) => Promise<LightMyRequestResponse>,
  url: string,
): Promise<{ pages: number; items: Item[] }> {
  const items: Item[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const response = await get(cursor === null ? url : `${url}&cursor=${cursor}`);
    expect(response.statusCode, `${url}, page ${pages + 1}: ${response.body}`).toBe(200);
    const page = response.json<Page<Item>>();
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor !== null);
  return { pages, items };
}
