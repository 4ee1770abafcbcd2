import { HttpError, ProblemResponse, notFound, type ReadRoutes } from '@inlet/service-kit';
import { readTranscript, transcriptCursor } from '../queries/transcript.js';
import { findVideo } from '../queries/videos.js';
import { TranscriptPage, TranscriptQuery, Video, VideoParams } from './schemas.js';

/** A video with its transcript status, and its transcript a page at a time. */
export const videoRoutes: ReadRoutes = async (app, { db }) => {
  app.get(
    '/videos/:videoId',
    {
      schema: {
        params: VideoParams,
        response: { 200: Video, 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    async (request) =>
      (await findVideo(db, request.params.videoId)) ??
      notFound('INLET_VIDEO_NOT_FOUND', 'no event has named this video'),
  );

  app.get(
    '/videos/:videoId/transcript',
    {
      schema: {
        params: VideoParams,
        querystring: TranscriptQuery,
        response: {
          200: TranscriptPage,
          400: ProblemResponse,
          404: ProblemResponse,
          409: ProblemResponse,
        },
      },
    },
    async (request) => {
      const { videoId } = request.params;
      const { limit, cursor } = request.query;
      const after = transcriptCursor.after(cursor);
      const read = await readTranscript(db, videoId, { limit, afterSeq: after?.seq ?? -1 });
      if (read.found === 'no-video') notFound('INLET_VIDEO_NOT_FOUND', 'no event has named this video');
      if (read.found === 'no-transcript') {
        notFound('INLET_TRANSCRIPT_NOT_FOUND', 'this video has no transcript yet');
      }
      if (after && after.transcriptionEventId !== read.transcriptionEventId) {
        throw new HttpError(
          'INLET_TRANSCRIPT_REPLACED',
          409,
          'a newer transcription replaced the transcript this cursor walks; start again without it',
          '/querystring/cursor',
        );
      }
      return read.page;
    },
  );
};
