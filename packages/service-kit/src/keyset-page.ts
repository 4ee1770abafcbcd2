/** One page of a keyset-paged list, as every read API answers it. */
export interface KeysetPage<Item> {
  items: Item[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

/**
 * The page a list query read, given that it asked for one row more than `limit`: that extra row only tells
 * whether another page exists, so it is dropped, and the cursor is taken from the last item served. The
 * query selects its rows as the answer's items (selectList), so they are served as they came.
 */
export function keysetPage<Item>(
  rows: readonly Item[],
  limit: number,
  cursorAfter: (last: Item) => string,
): KeysetPage<Item> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? cursorAfter(last) : null,
  };
}
