import type { Static } from 'typebox';
import { keysetCursor, keysetPage, selectList, type Queryable } from '@inlet/service-kit';
import type { SearchHit, SearchPage, SearchQuery } from '../routes/schemas.js';

/**
 * Where a page of hits ended: the last hit's (rank, videoId, seq). The query casts the rank to real and the seq
 * to int; values beyond those types are not positions.
 */
export const searchCursor = keysetCursor({ rank: 'real', videoId: 'text', seq: 'int4' });

// ts_headline marks matches with two private-use characters that stored text never contains (cleanText
// removes them), so the snippet can be HTML-escaped first and the marks turned into tags afterwards.
const startMark = '\ue000';
const stopMark = '\ue001';
// One excerpt around the best match (fragment mode would drop the closing punctuation of short cues).
const headlineOptions = `StartSel="${startMark}", StopSel="${stopMark}", MaxWords=35, MinWords=15`;

/** A hit as read: ts_headline's text in place of the snippet, which markMatches makes of it. */
type HitRow = Omit<SearchHit, 'snippet'> & { headline: string };

const hitColumns = selectList<HitRow>({
  videoId: 'page.video_id',
  title: 'v.title',
  seq: 'page.seq',
  startSeconds: 'page.start_seconds',
  endSeconds: 'page.end_seconds',
  speaker: 'page.speaker',
  text: 'page.text',
  rank: 'page.rank::float8',
  headline: `ts_headline('english', page.text, page.query, $7)`,
});

/**
 * Segments matching a web-search style query (`websearch_to_tsquery`: words, "quoted phrases", or, -not),
 * most relevant first, then by video id (byte-wise) and position, so the order is total and keyset pages
 * neither skip nor repeat. The GIN index finds the matches; only the page's hits get a headline, which is
 * the costly part.
 */
export async function searchSegments(db: Queryable, query: Static<typeof SearchQuery>): Promise<SearchPage> {
  const after = searchCursor.after(query.cursor);
  const { rows } = await db.query<HitRow>(
    `WITH hits AS (
       SELECT s.video_id, s.seq, s.start_seconds, s.end_seconds, s.speaker, s.text,
              ts_rank_cd(s.search_vector, q.query) AS rank, q.query
         FROM websearch_to_tsquery('english', $1) AS q(query)
         JOIN media.transcript_segments s ON s.search_vector @@ q.query
        WHERE ($2::text IS NULL OR s.video_id = $2)
     ), page AS (
       SELECT * FROM hits
        WHERE $3::real IS NULL
           OR rank < $3::real
           OR (rank = $3::real AND (video_id COLLATE "C", seq) > ($4::text COLLATE "C", $5::int))
        ORDER BY rank DESC, video_id COLLATE "C", seq
        LIMIT $6
     )
     SELECT ${hitColumns}
       FROM page JOIN media.videos v USING (video_id)
      ORDER BY page.rank DESC, page.video_id COLLATE "C", page.seq`,
    [
      query.q,
      query.videoId ?? null,
      after?.rank ?? null,
      after?.videoId ?? null,
      after?.seq ?? null,
      // One row more than asked tells whether another page exists.
      query.limit + 1,
      headlineOptions,
    ],
  );
  const { items, nextCursor } = keysetPage(rows, query.limit, (last) => searchCursor.encode(last));
  return {
    items: items.map(({ headline, ...hit }) => ({ ...hit, snippet: markMatches(headline) })),
    nextCursor,
  };
}

function markMatches(headline: string): string {
  return headline
    .replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
    .replaceAll(startMark, '<mark>')
    .replaceAll(stopMark, '</mark>');
}
