import type { Static } from 'typebox';
import { selectList, type Queryable } from '@inlet/service-kit';
import type { SearchHit, SearchQuerystring } from '../routes/schemas.js';

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

const hitColumns = selectList<SearchHit>({
  contentId: 'content_id',
  contextId: 'context_id',
  contentType: 'content_type',
  title: 'title',
  url: 'url',
  resourceLinkId: 'resource_link_id',
  lastEventAt: 'last_event_at',
  rank: 'rank',
  titleHighlight: `ts_headline('english'::regconfig, ${escapedHtml('title')}, ${tsQuery}, '${titleOptions}')`,
  snippet: `CASE WHEN body_text <> '' THEN
              ts_headline('english'::regconfig, ${escapedHtml('body_text')}, ${tsQuery}, '${snippetOptions}')
            END`,
});

/**
 * Items whose title or body match, best first (ts_rank, then content id so equal ranks keep one order), never
 * tombstones. websearch_to_tsquery accepts any text without raising: unbalanced quotes and stray operators are
 * ignored, and a query of only stop words or punctuation matches nothing (an empty answer, not an error).
 * ts_headline is costly, so it runs only on the page of hits, after the ranking.
 */
export async function searchContent(
  db: Queryable,
  query: Static<typeof SearchQuerystring>,
): Promise<SearchHit[]> {
  const { rows } = await db.query<SearchHit>(
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
     SELECT ${hitColumns}
       FROM hits
      ORDER BY rank DESC, content_id`,
    [query.q, query.contextId ?? null, query.type ?? null, query.limit],
  );
  return rows;
}
