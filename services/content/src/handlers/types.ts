/** The event types of inlet.content.v1, each of which this service handles. */
export type ContentEventType =
  'content.created' | 'content.updated' | 'content.deleted' | 'deep_link.created' | 'user.behavior';

/** Counts an event that changed nothing because the stored row already reflects a report that wins over it. */
export type OnStale = (type: ContentEventType) => void;
