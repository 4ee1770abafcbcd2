import { defineConsumerService } from '@inlet/service-kit';
import { createHandlers } from './handlers/index.js';
import { searchRoutes } from './routes/search.js';
import { videoRoutes } from './routes/videos.js';
import { checkTranscriptHosts, transcriptPolicy, transcriptSettings } from './settings.js';
import { createTranscriptFetcher } from './transcripts/fetch-transcript.js';

/** Media: inlet.media.v1 into videos and searchable transcripts fetched behind an SSRF guard, with a read API. */
export const media = defineConsumerService({
  name: 'media',
  port: 8085,
  migrations: new URL('../migrations', import.meta.url),
  settings: transcriptSettings,
  checkConfig: checkTranscriptHosts,
  metrics: ({ counter, histogram }) => ({
    staleEvents: counter(
      'stale_events_total',
      'Media events that changed nothing because a newer event for the same video was already applied',
      ['type'],
    ),
    // Its _count by outcome is the number of fetches: 'fetched', or the error code (INLET_TRANSCRIPT_*).
    transcriptFetches: histogram(
      'transcript_fetch_duration_seconds',
      'Transcript fetches, by outcome (fetched or the error code), from the first connection to the last byte',
      { labelNames: ['outcome'], buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] },
    ),
  }),
  // The transcript fetcher: one guarded agent for the process, closed at shutdown after the consumer.
  open: ({ config, log, metrics }) => {
    const policy = transcriptPolicy(config);
    if (policy.allowedHosts.entries.length === 0) {
      log.warn('TRANSCRIPT_HOSTS is empty: every transcription will be refused and dead-lettered');
    }
    if (policy.allowPrivateAddresses) {
      log.warn(
        'TRANSCRIPT_ALLOW_PRIVATE_ADDRESSES=true: transcripts may come from loopback and private addresses; for tests and development only',
      );
    }
    const transcripts = createTranscriptFetcher({
      policy,
      observe: (outcome, seconds) => metrics.transcriptFetches.observe({ outcome }, seconds),
    });
    return {
      value: { fetchTranscript: (url: string) => transcripts.fetch(url) },
      close: () => transcripts.close(),
      readyFields: { transcriptHosts: policy.allowedHosts.entries },
    };
  },
  handlers: ({ metrics, dependencies }) =>
    createHandlers({
      fetchTranscript: dependencies.fetchTranscript,
      onStale: (type) => metrics.staleEvents.inc({ type }),
    }),
  routes: [videoRoutes, searchRoutes],
});
