import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMigratedDatabase,
  cursorOf,
  expectCursorRefused,
  type MigratedDatabase,
} from '@inlet/test-harness';
import { searchCursor } from '../src/queries/search.js';
import { transcriptCursor } from '../src/queries/transcript.js';
import { media } from '../src/service.js';

// Positions a client can forge that the old shape checks let through to the query, which failed (500):
// search casts the rank to real and the seq to int, the transcript compares seq with an integer column.
const tamperedSearch: Record<string, string> = {
  'a rank beyond real': cursorOf([1e39, 'video-1', 0]),
  'a rank real rounds to zero': cursorOf([1e-300, 'video-1', 0]),
  'a seq beyond int': cursorOf([0.5, 'video-1', 2 ** 31]),
  'a video id PostgreSQL text cannot hold': cursorOf([0.5, 'video\u0000', 0]),
};
const tamperedTranscript: Record<string, string> = {
  'a seq beyond int': cursorOf(['event-1', 2 ** 31]),
  'a seq below int': cursorOf(['event-1', -(2 ** 31) - 1]),
};

const invalidCursor = expect.objectContaining({
  code: 'INLET_CURSOR_INVALID',
  statusCode: 400,
  field: '/querystring/cursor',
});

describe('media cursors', () => {
  it.each(Object.entries(tamperedSearch))('search refuses %s', (_, cursor) => {
    expect(() => searchCursor.decode(cursor)).toThrow(invalidCursor);
  });

  it.each(Object.entries(tamperedTranscript))('the transcript refuses %s', (_, cursor) => {
    expect(() => transcriptCursor.decode(cursor)).toThrow(invalidCursor);
  });

  it('still reads back the positions it writes, up to the edges of the types', () => {
    for (const position of [
      { rank: 0, videoId: 'video-1', seq: 0 },
      { rank: 0.10000000149011612, videoId: 'ビデオ ✓', seq: 2 ** 31 - 1 },
      { rank: 3.4e38, videoId: 'v', seq: 0 },
    ]) {
      expect(searchCursor.decode(searchCursor.encode(position))).toEqual(position);
    }
    const transcriptPosition = { transcriptionEventId: 'event-1', seq: 2 ** 31 - 1 };
    expect(transcriptCursor.decode(transcriptCursor.encode(transcriptPosition))).toEqual(transcriptPosition);
  });

  describe('the routes', () => {
    let db: MigratedDatabase;
    let app: FastifyInstance;
    beforeAll(async () => {
      db = await createMigratedDatabase(media.migrate);
      app = await media.buildApp({
        pool: db.pool,
        consumerStatus: () => ({ running: true }),
        metrics: media.createMetrics(),
      });
    });
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it.each(Object.entries(tamperedSearch))('GET /search answers 400, not 500, for %s', async (_, cursor) => {
      expectCursorRefused(await app.inject({ method: 'GET', url: `/search?q=mitosis&cursor=${cursor}` }));
    });

    it.each(Object.entries(tamperedTranscript))(
      'GET /videos/:videoId/transcript answers 400, not 500, for %s',
      async (_, cursor) => {
        expectCursorRefused(
          await app.inject({ method: 'GET', url: `/videos/video-1/transcript?cursor=${cursor}` }),
        );
      },
    );
  });
});
