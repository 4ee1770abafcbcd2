import { keysetCursor, keysetPage, lastEventOf, type LastEventRow, type Queryable } from '@inlet/service-kit';
import type { ContentDetail, ContentItem, ContentPage } from '../routes/schemas.js';

/** Where a page of a course's catalog ended: the last row's (last_event_at, content_id). */
export const catalogCursor = keysetCursor({ lastEventAt: 'time', contentId: 'text' });
type CatalogCursor = ReturnType<typeof catalogCursor.decode>;

interface ItemRow extends LastEventRow {
  content_id: string;
  context_id: string | null;
  content_type: string | null;
  title: string | null;
  url: string | null;
  resource_link_id: string | null;
  deleted: boolean;
  source: string;
}

interface DetailRow extends ItemRow {
  body: string | null;
  body_text: string | null;
}

const itemColumns = `
  content_id, context_id, content_type, title, url, resource_link_id, deleted, source, last_event_id,
  last_event_type, last_event_at, updated_at`;

function toItem(row: ItemRow): ContentItem {
  return {
    contentId: row.content_id,
    contextId: row.context_id,
    contentType: row.content_type,
    title: row.title,
    url: row.url,
    resourceLinkId: row.resource_link_id,
    deleted: row.deleted,
    source: row.source,
    ...lastEventOf(row),
  };
}

export interface ListContentQuery {
  contextId: string;
  contentType?: string;
  includeDeleted: boolean;
  limit: number;
  after?: CatalogCursor;
}

/**
 * A course's content, most recently changed first, one page at a time. Keyset pagination on
 * (last_event_at, content_id) walks catalog_context_recent_idx; an offset would skip or repeat rows as items
 * change underneath.
 */
export async function listContent(db: Queryable, query: ListContentQuery): Promise<ContentPage> {
  const { rows } = await db.query<ItemRow>(
    `SELECT ${itemColumns}
       FROM content.catalog
      WHERE context_id = $1
        AND ($2::text IS NULL OR content_type = $2)
        AND ($3::boolean OR NOT deleted)
        AND ($4::timestamptz IS NULL OR (last_event_at, content_id) < ($4, $5::text))
      ORDER BY last_event_at DESC, content_id DESC
      LIMIT $6`,
    [
      query.contextId,
      query.contentType ?? null,
      query.includeDeleted,
      query.after?.lastEventAt ?? null,
      query.after?.contentId ?? null,
      // One row more than asked tells whether another page exists.
      query.limit + 1,
    ],
  );
  return keysetPage(rows, query.limit, toItem, (last) =>
    catalogCursor.encode({ lastEventAt: last.last_event_at, contentId: last.content_id }),
  );
}

/** One item with its text, tombstone included; undefined when no event ever named it. */
export async function findContent(db: Queryable, contentId: string): Promise<ContentDetail | undefined> {
  const { rows } = await db.query<DetailRow>(
    `SELECT ${itemColumns}, body, body_text FROM content.catalog WHERE content_id = $1`,
    [contentId],
  );
  const row = rows[0];
  return row ? { ...toItem(row), body: row.body, bodyText: row.body_text } : undefined;
}
