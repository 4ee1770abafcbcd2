/** One page of a keyset-paged list, as every read API answers it. */
export interface KeysetPage<Item> {
  items: Item[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

/**
 * The page a list query read, given that it asked for one row more than `limit`: that extra row only tells
 * whether another page exists, so it is dropped, and the cursor is taken from the last row served.
 */
export function keysetPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorAfter: (last: Row) => string,
): KeysetPage<Item> {
  const served = rows.slice(0, limit);
  const last = served.at(-1);
  return {
    items: served.map((row) => toItem(row)),
    nextCursor: rows.length > limit && last !== undefined ? cursorAfter(last) : null,
  };
}
