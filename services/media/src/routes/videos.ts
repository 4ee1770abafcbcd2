import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db.js';
import { MediaError } from '../errors.js';
import { decodeCursor } from '@inlet/service-kit';
import { isTranscriptCursor, readTranscript } from '../queries/transcript.js';
import { findVideo } from '../queries/videos.js';
import { cursorSchema, idSchema, problemSchema, transcriptPageSchema, videoSchema } from './schemas.js';

export const maxTranscriptPageSize = 500;

const videoParams = { type: 'object', required: ['videoId'], properties: { videoId: idSchema } } as const;

/** A video with its transcript status, and its transcript a page at a time. */
export async function videoRoutes(app: FastifyInstance, { db }: { db: Queryable }): Promise<void> {
  app.get<{ Params: { videoId: string } }>(
    '/videos/:videoId',
    {
      schema: { params: videoParams, response: { 200: videoSchema, 400: problemSchema, 404: problemSchema } },
    },
    async (request) => {
      const video = await findVideo(db, request.params.videoId);
      if (!video) throw new MediaError('INLET_VIDEO_NOT_FOUND', 404, 'no event has named this video');
      return video;
    },
  );

  app.get<{ Params: { videoId: string }; Querystring: { limit: number; cursor?: string } }>(
    '/videos/:videoId/transcript',
    {
      schema: {
        params: videoParams,
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: maxTranscriptPageSize, default: 100 },
            cursor: cursorSchema,
          },
        },
        response: { 200: transcriptPageSchema, 400: problemSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request) => {
      const { videoId } = request.params;
      const { limit, cursor } = request.query;
      const after = cursor === undefined ? undefined : decodeCursor(cursor, isTranscriptCursor);
      const read = await readTranscript(db, videoId, { limit, afterSeq: after?.[1] ?? -1 });
      if (read.found === 'no-video') {
        throw new MediaError('INLET_VIDEO_NOT_FOUND', 404, 'no event has named this video');
      }
      if (read.found === 'no-transcript') {
        throw new MediaError('INLET_TRANSCRIPT_NOT_FOUND', 404, 'this video has no transcript yet');
      }
      if (after && after[0] !== read.transcriptionEventId) {
        throw new MediaError(
          'INLET_TRANSCRIPT_REPLACED',
          409,
          'a newer transcription replaced the transcript this cursor walks; start again without it',
          '/querystring/cursor',
        );
      }
      return read.page;
    },
  );
}
