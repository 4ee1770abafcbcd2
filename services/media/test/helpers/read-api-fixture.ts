import { randomUUID } from 'node:crypto';
import { useReadApi } from '@inlet/service-kit/testing';
import { media } from '../../src/service.js';
import { eventApplier, tableFetch } from './apply.js';
import { at, transcriptionEvent, uploadEvent } from './events.js';

export const lecture = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Ada>Today we study mitosis, how cells divide.

00:00:04.000 --> 00:00:08.000
First the chromosomes condense.

00:00:08.000 --> 00:00:12.000
Then the spindle pulls the chromatids apart: <b>anaphase</b> & telophase.

00:00:12.000 --> 00:00:15.000
Division ends with two daughter cells.

00:00:15.000 --> 00:00:18.000
Questions about <script>alert(1)</script> mitosis?
`;

export const notes = 'Meiosis is a different kind of division.\n\nIt makes four cells, not two.';

/**
 * Videos for the read API tests, applied by the real handlers (transcripts served from a table) to a database of
 * the test file's own, and the read API over it (inject(), not listening). Call at the top of a describe: it
 * registers its own beforeAll and afterAll.
 *
 * lectureVideo: uploaded and transcribed (WebVTT, five cues); notesVideo: transcribed (plain text) before its
 * upload, a placeholder; pendingVideo: uploaded, not transcribed.
 */
export function useReadApiFixture() {
  const run = randomUUID().slice(0, 8);
  const lectureVideo = `lecture-${run}`;
  const notesVideo = `notes-${run}`;
  const pendingVideo = `pending-${run}`;
  const transcripts: Record<string, string> = {
    [`https://media.example.com/${lectureVideo}.vtt`]: lecture,
    [`https://media.example.com/${notesVideo}.txt`]: notes,
  };

  const api = useReadApi(media, async (db) => {
    const { apply } = eventApplier(db.pool, tableFetch(transcripts).fetch);
    await apply(
      uploadEvent({ videoId: lectureVideo, title: 'Lecture 4: Mitosis' }, { occurredAt: at(10) }),
      transcriptionEvent(
        {
          videoId: lectureVideo,
          transcriptionUrl: `https://media.example.com/${lectureVideo}.vtt`,
          jobId: 'job-7',
          confidence: 0.94,
          durationSeconds: 18,
        },
        { occurredAt: at(20) },
      ),
      // Transcribed before (without) its upload: a placeholder.
      transcriptionEvent(
        { videoId: notesVideo, transcriptionUrl: `https://media.example.com/${notesVideo}.txt` },
        { occurredAt: at(30) },
      ),
      uploadEvent(
        { videoId: pendingVideo, title: 'Not transcribed yet', metadata: null },
        { occurredAt: at(40) },
      ),
    );
  });

  return {
    run,
    lectureVideo,
    notesVideo,
    pendingVideo,
    /** The database, for a test that applies events of its own. */
    pool: () => api.db.pool,
    get: api.get,
  };
}
