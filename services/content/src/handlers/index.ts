import { sameHandlerFor, type ServiceHandlers } from '@inlet/service-kit';
import { contentChangeHandler } from './catalog.js';
import { deepLinkHandler } from './deep-links.js';
import { recordUserBehavior } from './engagement.js';
import { refusingUnstorableData, refusingUnstorableRuns } from './invalid.js';
import type { ContentEventType, OnStale } from './types.js';

export type { ContentEventType } from './types.js';

export interface HandlerDependencies {
  /** Told about each event that changed nothing because the stored row already reflects a winning report. */
  onStale?: OnStale;
}

/**
 * The handlers of inlet.content.v1's event types (ServiceHandlers). Data PostgreSQL can never store becomes a
 * PermanentError (straight to the DLQ); every other failure (a lost connection, a deadlock) stays a plain error,
 * which the runtime retries.
 */
export function createHandlers({
  onStale = () => undefined,
}: HandlerDependencies = {}): ServiceHandlers<ContentEventType> {
  return {
    ...sameHandlerFor(
      ['content.created', 'content.updated', 'content.deleted'],
      refusingUnstorableData(contentChangeHandler(onStale)),
    ),
    'deep_link.created': refusingUnstorableData(deepLinkHandler(onStale)),
    'user.behavior': refusingUnstorableRuns(recordUserBehavior),
  };
}
