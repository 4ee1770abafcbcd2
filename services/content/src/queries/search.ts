import type { Queryable } from '@inlet/service-kit';
import type { SearchHit } from '../routes/schemas.js';

export interface SearchQuery {
  /** What the user typed, in web-search syntax: words, "a phrase", or, -excluded. */
  text: string;
  contextId?: string;
  contentType?: string;
  limit: number;
}

interface HitRow {
  content_id: string;
  context_id: string | null;
  content_type: string | null;
  title: string | null;
  url: string | null;
  resource_link_id: string | null;
  last_event_at: Date;
  rank: number;
  title_highlight: string | null;
  snippet: string | null;
}

// The configuration the generated search_vector column uses (migrations/…_catalog.sql): queries must be
// parsed the same way, or their words would not stem to the indexed lexemes.
const tsQuery = `websearch_to_tsquery('english'::regconfig, $1)`;

// Snippets are HTML: the stored text is escaped first, so the only tags in them are the <mark>s added here,
// and a body that talks about "<script>" cannot become markup in a client that renders the snippet.
const escapedHtml = (column: string) =>
  `replace(replace(replace(${column}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;

const titleOptions = 'HighlightAll=true, StartSel=<mark>, StopSel=</mark>';
const snippetOptions =
  'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "';

/**
 * Items whose title or body match, best first (ts_rank, then content id so equal ranks keep one order), never
 * tombstones. websearch_to_tsquery accepts any text without raising: unbalanced quotes and stray operators are
 * ignored, and a query of only stop words or punctuation matches nothing (an empty answer, not an error).
 * ts_headline is costly, so it runs only on the page of hits, after the ranking.
 */
export async function searchContent(db: Queryable, query: SearchQuery): Promise<SearchHit[]> {
  const { rows } = await db.query<HitRow>(
    `WITH hits AS (
       SELECT content_id, context_id, content_type, title, url, resource_link_id, body_text, last_event_at,
              ts_rank(search_vector, ${tsQuery}) AS rank
         FROM content.catalog
        WHERE search_vector @@ ${tsQuery}
          AND NOT deleted
          AND ($2::text IS NULL OR context_id = $2)
          AND ($3::text IS NULL OR content_type = $3)
        ORDER BY rank DESC, content_id
        LIMIT $4
     )
     SELECT content_id, context_id, content_type, title, url, resource_link_id, last_event_at, rank,
            ts_headline('english'::regconfig, ${escapedHtml('title')}, ${tsQuery}, '${titleOptions}')
              AS title_highlight,
            CASE WHEN body_text <> '' THEN
              ts_headline('english'::regconfig, ${escapedHtml('body_text')}, ${tsQuery}, '${snippetOptions}')
            END AS snippet
       FROM hits
      ORDER BY rank DESC, content_id`,
    [query.text, query.contextId ?? null, query.contentType ?? null, query.limit],
  );
  return rows.map((row) => ({
    contentId: row.content_id,
    contextId: row.context_id,
    contentType: row.content_type,
    title: row.title,
    url: row.url,
    resourceLinkId: row.resource_link_id,
    lastEventAt: row.last_event_at.toISOString(),
    rank: row.rank,
    titleHighlight: row.title_highlight,
    snippet: row.snippet,
  }));
}
