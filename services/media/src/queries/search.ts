import { keysetCursor, keysetPage, type Queryable } from '@inlet/service-kit';
import type { SearchPage } from '../routes/schemas.js';

/**
 * Where a page of hits ended: the last hit's (rank, videoId, seq). The query casts the rank to real and the seq
 * to int; values beyond those types are not positions.
 */
export const searchCursor = keysetCursor({ rank: 'real', videoId: 'text', seq: 'int4' });
type SearchCursor = ReturnType<typeof searchCursor.decode>;

// ts_headline marks matches with two private-use characters that stored text never contains (cleanText
// removes them), so the snippet can be HTML-escaped first and the marks turned into tags afterwards.
const startMark = '\ue000';
const stopMark = '\ue001';
// One excerpt around the best match (fragment mode would drop the closing punctuation of short cues).
const headlineOptions = `StartSel="${startMark}", StopSel="${stopMark}", MaxWords=35, MinWords=15`;

interface Row {
  video_id: string;
  title: string | null;
  seq: number;
  start_seconds: number | null;
  end_seconds: number | null;
  speaker: string | null;
  text: string;
  rank: number;
  headline: string;
}

/**
 * Segments matching a web-search style query (`websearch_to_tsquery`: words, "quoted phrases", or, -not),
 * most relevant first, then by video id (byte-wise) and position, so the order is total and keyset pages
 * neither skip nor repeat. The GIN index finds the matches; only the page's hits get a headline, which is
 * the costly part.
 */
export async function searchSegments(
  db: Queryable,
  query: { q: string; videoId?: string; limit: number; after?: SearchCursor },
): Promise<SearchPage> {
  const { rows } = await db.query<Row>(
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
     SELECT page.video_id, v.title, page.seq, page.start_seconds, page.end_seconds, page.speaker, page.text,
            page.rank::float8 AS rank, ts_headline('english', page.text, page.query, $7) AS headline
       FROM page JOIN media.videos v USING (video_id)
      ORDER BY page.rank DESC, page.video_id COLLATE "C", page.seq`,
    [
      query.q,
      query.videoId ?? null,
      query.after?.rank ?? null,
      query.after?.videoId ?? null,
      query.after?.seq ?? null,
      // One row more than asked tells whether another page exists.
      query.limit + 1,
      headlineOptions,
    ],
  );
  return keysetPage(
    rows,
    query.limit,
    (row) => ({
      videoId: row.video_id,
      title: row.title,
      seq: row.seq,
      startSeconds: row.start_seconds,
      endSeconds: row.end_seconds,
      speaker: row.speaker,
      text: row.text,
      snippet: markMatches(row.headline),
      rank: row.rank,
    }),
    (last) => searchCursor.encode({ rank: last.rank, videoId: last.video_id, seq: last.seq }),
  );
}

function markMatches(headline: string): string {
  return headline
    .replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
    .replaceAll(startMark, '<mark>')
    .replaceAll(stopMark, '</mark>');
}
