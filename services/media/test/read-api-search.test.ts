import { describe, expect, it } from 'vitest';
import { useReadApiFixture } from './helpers/read-api-fixture.js';

// GET /search via inject() against the real database, filled by the real handlers.
describe('read API', () => {
  const { run, lectureVideo, notesVideo, get } = useReadApiFixture();

  describe('GET /search', () => {
    type Hit = {
      videoId: string;
      seq: number;
      snippet: string;
      text: string;
      rank: number;
      title: string | null;
    };
    const search = async (query: string) => {
      const response = await get(`/search?${query}`);
      expect(response.statusCode).toBe(200);
      return response.json() as { items: Hit[]; nextCursor: string | null };
    };

    it('finds segments by stemmed words, best first, with the video and a marked snippet', async () => {
      const { items } = await search(`q=${encodeURIComponent('cells dividing')}&videoId=${lectureVideo}`);
      expect(items[0]).toEqual({
        videoId: lectureVideo,
        title: 'Lecture 4: Mitosis',
        seq: 0,
        startSeconds: 1,
        endSeconds: 4,
        speaker: 'Ada',
        text: 'Today we study mitosis, how cells divide.',
        snippet: 'Today we study mitosis, how <mark>cells</mark> <mark>divide</mark>.',
        rank: expect.any(Number),
      });
      expect(items.map((hit) => hit.seq)).toEqual([0]);
    });

    it('searches every video unless videoId narrows it; a placeholder has no title', async () => {
      const everywhere = await search('q=division');
      const mine = everywhere.items.filter((hit) => hit.videoId.endsWith(run));
      expect(mine.map((hit) => [hit.videoId, hit.seq])).toEqual(
        expect.arrayContaining([
          [lectureVideo, 3],
          [notesVideo, 0],
        ]),
      );
      expect(mine.find((hit) => hit.videoId === notesVideo)?.title).toBeNull();
      expect((await search(`q=division&videoId=${notesVideo}`)).items.map((hit) => hit.videoId)).toEqual([
        notesVideo,
      ]);
    });

    it('web-search syntax: a quoted phrase, and -word to exclude', async () => {
      const phrase = await search(`q=${encodeURIComponent('"daughter cells"')}&videoId=${lectureVideo}`);
      expect(phrase.items.map((hit) => hit.seq)).toEqual([3]);
      const excluding = await search(`q=${encodeURIComponent('mitosis -questions')}&videoId=${lectureVideo}`);
      expect(excluding.items.map((hit) => hit.seq)).toEqual([0]);
    });

    it('snippets are HTML-safe: the transcript text is escaped, only the marks are tags', async () => {
      const { items } = await search(`q=anaphase&videoId=${lectureVideo}`);
      expect(items[0]?.snippet).toBe(
        'Then the spindle pulls the chromatids apart: <mark>anaphase</mark> &#38; telophase.',
      );
      const script = await search(`q=alert&videoId=${lectureVideo}`);
      expect(script.items[0]?.text).toBe('Questions about alert(1) mitosis?');
      const tags = await search(`q=questions&videoId=${lectureVideo}`);
      expect(tags.items[0]?.snippet).not.toMatch(/<(?!\/?mark>)/);
    });

    it('pages with limit and the cursor, in rank order, without skipping or repeating', async () => {
      const all = (await search(`q=mitosis&videoId=${lectureVideo}&limit=100`)).items;
      expect(all.length).toBe(2);
      const paged: Hit[] = [];
      let cursor: string | null = null;
      do {
        const page = await search(
          `q=mitosis&videoId=${lectureVideo}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        paged.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
      expect(all[0]!.rank).toBeGreaterThanOrEqual(all[1]!.rank);
    });

    it('a query of stop words only matches nothing', async () => {
      expect(await search('q=the%20and')).toEqual({ items: [], nextCursor: null });
    });

    it.each([
      ['no q', '/search', '/querystring/q'],
      ['a blank q', '/search?q=%20%20', '/querystring/q'],
      ['limit over the maximum', '/search?q=cells&limit=101', '/querystring/limit'],
      ['a bad cursor', '/search?q=cells&cursor=WzEsMl0', '/querystring/cursor'],
    ])('400 problem+json for %s', async (_case, url, field) => {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 400, field, instance: '/search' });
    });
  });
});
