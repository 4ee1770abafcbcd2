import { defineConsumerService } from '@inlet/service-kit';
import { createHandlers } from './handlers/index.js';
import { catalogRoutes } from './routes/catalog.js';
import { deepLinkRoutes } from './routes/deep-links.js';
import { engagementRoutes } from './routes/engagement.js';
import { searchRoutes } from './routes/search.js';

/** Content: inlet.content.v1 into a content catalog, deep links, full-text search and engagement aggregates. */
export const content = defineConsumerService({
  name: 'content',
  port: 8083,
  migrations: new URL('../migrations', import.meta.url),
  metrics: ({ counter }) => ({
    staleEvents: counter(
      'stale_events_total',
      'Content and deep link events that changed nothing because a newer (content) or earlier (deep link) report was already applied',
      ['type'],
    ),
  }),
  handlers: ({ metrics }) => createHandlers({ onStale: (type) => metrics.staleEvents.inc({ type }) }),
  routes: [catalogRoutes, searchRoutes, deepLinkRoutes, engagementRoutes],
  // Path parameters are bounded by the routes' schemas (a behavior element may be a 1024-character selector,
  // URL-encoded up to three times longer); the router's own default of 100 would answer 404 instead of 400.
  maxParamLength: 4096,
});
