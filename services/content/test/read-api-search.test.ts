import { describe, expect, it } from 'vitest';
import { at } from './helpers/events.js';
import { useContentFixture } from './helpers/read-api-fixture.js';

// Full-text search through the read API: ranking, highlights, web-search syntax, hostile text.
const { course, id, get, idsOf, expectProblem } = useContentFixture();

describe('GET /search', () => {
  const search = async (query: string) => {
    const response = await get(`/search?${query}`);
    expect(response.statusCode).toBe(200);
    return response.json() as { items: Record<string, unknown>[] };
  };

  it('ranks title matches above body matches, never returns tombstones, and highlights the matches', async () => {
    const body = await search(`q=organelles&contextId=${course}`);
    expect(idsOf(body as never)).toEqual(['d1', 'a1']);
    expect(body.items[0]).toEqual({
      contentId: id('d1'),
      contextId: course,
      contentType: 'discussion_topic',
      title: 'Week 3: Organelles',
      url: null,
      resourceLinkId: null,
      lastEventAt: new Date(at(20)).toISOString(),
      rank: expect.any(Number),
      titleHighlight: 'Week 3: <mark>Organelles</mark>',
      // Fragments end at their last indexed word: the stop words after it are left out.
      snippet: 'Week 3 Which <mark>organelle</mark> surprised you most',
    });
    expect(body.items[0]!.rank).toBeGreaterThan(body.items[1]!.rank as number);
    expect(body.items[1]).toMatchObject({
      titleHighlight: 'Cell Structure Lab Report',
      snippet: 'Describe the <mark>organelles</mark> you observed under the microscope',
    });
  });

  it('searches every course without contextId; type and limit narrow it', async () => {
    const everywhere = await search('q=organelles');
    expect(idsOf(everywhere as never)).toEqual(expect.arrayContaining(['d1', 'a1', 'x1']));
    expect(idsOf(everywhere as never)).not.toContain('old1');
    expect(idsOf((await search(`q=organelles&type=assignment&contextId=${course}`)) as never)).toEqual([
      'a1',
    ]);
    expect((await search(`q=organelles&contextId=${course}&limit=1`)).items).toHaveLength(1);
  });

  it('understands web-search syntax: "phrases", or, -exclusions', async () => {
    const ids = async (q: string) =>
      idsOf((await search(`q=${encodeURIComponent(q)}&contextId=${course}`)) as never);
    expect(await ids('"lab report"')).toEqual(['a1']);
    expect(await ids('organelles -microscope')).toEqual(['d1']);
    expect((await ids('photosynthesis or microscope')).sort()).toEqual(['a1', 'p1']);
  });

  it('snippets are escaped HTML: the only tags in them are the highlights', async () => {
    const [hit] = (await search(`q=bold&contextId=${course}`)).items;
    expect(hit!.snippet).toBe(
      'Plants turn light into sugar. Tom &amp; Jerry say a &lt;b&gt; tag is not <mark>bold</mark>',
    );
  });

  it.each(['"unclosed', '-', 'or or', '!!! :* & | ( ) <-> \\', 'the', "'; DROP TABLE content.catalog; --"])(
    'an odd query (%s) answers 200, never 500',
    async (q) => {
      const response = await get(`/search?q=${encodeURIComponent(q)}`);
      expect(response.statusCode).toBe(200);
      expect(Array.isArray(response.json().items)).toBe(true);
    },
  );

  it('a query of only stop words or punctuation matches nothing', async () => {
    expect((await search('q=the')).items).toEqual([]);
    expect((await search(`q=${encodeURIComponent('!!!')}`)).items).toEqual([]);
  });

  it.each([
    ['no q', '/search', '/querystring/q'],
    ['an empty q', '/search?q=', '/querystring/q'],
    ['a blank q', `/search?q=${encodeURIComponent('   ')}`, '/querystring/q'],
    ['limit over the maximum', '/search?q=cells&limit=51', '/querystring/limit'],
  ])('400 problem+json for %s', async (_case, url, field) => {
    expectProblem(await get(url), 400, { code: 'INLET_REQUEST_INVALID', field, instance: '/search' });
  });
});
