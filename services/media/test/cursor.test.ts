import { describeCursors } from '@inlet/service-kit/testing';
import { searchCursor } from '../src/queries/search.js';
import { transcriptCursor } from '../src/queries/transcript.js';
import { media } from '../src/service.js';

// Search casts the rank to real and the seq to int; the transcript compares seq with an integer column.
describeCursors(media, {
  name: 'GET /search',
  cursor: searchCursor,
  sample: { rank: 0.10000000149011612, videoId: 'video-1', seq: 0 },
  url: (cursor) => `/search?q=mitosis&cursor=${cursor}`,
});

describeCursors(media, {
  name: 'GET /videos/:videoId/transcript',
  cursor: transcriptCursor,
  sample: { transcriptionEventId: 'event-1', seq: 0 },
  url: (cursor) => `/videos/video-1/transcript?cursor=${cursor}`,
});
