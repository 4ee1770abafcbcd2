import { applyContentChange } from './catalog.js';
import { recordDeepLinkCreated } from './deep-links.js';
import { recordUserBehavior } from './engagement.js';
import { refusingUnstorableData } from './invalid.js';
import type { ContentHandlers, OnStale } from './types.js';

export type { ContentEventType, ContentHandlerContext, ContentHandlers } from './types.js';

export interface HandlerDependencies {
  /** Told about each event that changed nothing because the stored row already reflects a winning report. */
  onStale?: OnStale;
}

/**
 * One handler per event type of inlet.content.v1. Each writes only through the transaction it is given (the
 * runtime's, in which the event id is already recorded), so its effect and that record commit together. Data
 * PostgreSQL can never store becomes a PermanentError (straight to the DLQ); every other failure (a lost
 * connection, a deadlock) stays a plain error, which the runtime retries.
 */
export function createHandlers({ onStale = () => undefined }: HandlerDependencies = {}): ContentHandlers {
  return {
    'content.created': refusingUnstorableData((event, context) =>
      applyContentChange(event, context, onStale),
    ),
    'content.updated': refusingUnstorableData((event, context) =>
      applyContentChange(event, context, onStale),
    ),
    'content.deleted': refusingUnstorableData((event, context) =>
      applyContentChange(event, context, onStale),
    ),
    'deep_link.created': refusingUnstorableData((event, context) =>
      recordDeepLinkCreated(event, context, onStale),
    ),
    'user.behavior': refusingUnstorableData(recordUserBehavior),
  };
}
