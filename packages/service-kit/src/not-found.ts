import { HttpError } from './problem.js';

/**
 * Answers 404 with `code` and `detail`: what a read route says when its query found nothing
 * (`(await findX(db, id)) ?? notFound(...)`).
 */
export function notFound(code: string, detail: string): never {
  throw new HttpError(code, 404, detail);
}

/** A projection row that records whether its newest event deleted it, and when that event happened. */
export interface TombstoneRow {
  deleted: boolean;
  lastEventAt: Date | string;
}

/**
 * The row, unless it is a tombstone (its newest event deleted it) and the caller did not ask for tombstones
 * with includeDeleted=true: then 404 with `code`, as for a row that never existed, saying when `what` was
 * deleted.
 */
export function visibleOr404<Row extends TombstoneRow>(
  row: Row,
  includeDeleted: boolean,
  code: string,
  what: string,
): Row {
  if (row.deleted && !includeDeleted) {
    const deletedAt = new Date(row.lastEventAt).toISOString();
    notFound(code, `${what} was deleted at ${deletedAt} (includeDeleted=true shows the tombstone)`);
  }
  return row;
}
