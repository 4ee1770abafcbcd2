import type { Static } from 'typebox';
import {
  keysetCursor,
  keysetPage,
  lastEventColumns,
  selectList,
  type Queryable,
  type SelectColumns,
} from '@inlet/service-kit';
import type { ContentDetail, ContentItem, ContentPage, ListContentQuerystring } from '../routes/schemas.js';

/** Where a page of a course's catalog ended: the last row's (last_event_at, content_id). */
export const catalogCursor = keysetCursor({ lastEventAt: 'time', contentId: 'text' });

const itemColumns: SelectColumns<ContentItem> = {
  contentId: 'content_id',
  contextId: 'context_id',
  contentType: 'content_type',
  title: 'title',
  url: 'url',
  resourceLinkId: 'resource_link_id',
  deleted: 'deleted',
  source: 'source',
  ...lastEventColumns(),
};

const listColumns = selectList(itemColumns);

/**
 * A course's content, most recently changed first, one page at a time. Keyset pagination on
 * (last_event_at, content_id) walks catalog_context_recent_idx; an offset would skip or repeat rows as items
 * change underneath.
 */
export async function listContent(
  db: Queryable,
  contextId: string,
  query: Static<typeof ListContentQuerystring>,
): Promise<ContentPage> {
  const after = catalogCursor.after(query.cursor);
  const { rows } = await db.query<ContentItem>(
    `SELECT ${listColumns}
       FROM content.catalog
      WHERE context_id = $1
        AND ($2::text IS NULL OR content_type = $2)
        AND ($3::boolean OR NOT deleted)
        AND ($4::timestamptz IS NULL OR (last_event_at, content_id) < ($4, $5::text))
      ORDER BY last_event_at DESC, content_id DESC
      LIMIT $6`,
    [
      contextId,
      query.type ?? null,
      query.includeDeleted,
      after?.lastEventAt ?? null,
      after?.contentId ?? null,
      // One row more than asked tells whether another page exists.
      query.limit + 1,
    ],
  );
  return keysetPage(rows, query.limit, (last) => catalogCursor.encode(last));
}

const detailColumns = selectList<ContentDetail>({ ...itemColumns, body: 'body', bodyText: 'body_text' });

/** One item with its text, tombstone included; undefined when no event ever named it. */
export async function findContent(db: Queryable, contentId: string): Promise<ContentDetail | undefined> {
  const { rows } = await db.query<ContentDetail>(
    `SELECT ${detailColumns} FROM content.catalog WHERE content_id = $1`,
    [contentId],
  );
  return rows[0];
}
