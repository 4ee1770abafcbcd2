import { excludedAssignments, type ServiceHandler } from '@inlet/service-kit';
import { htmlToText, storableText } from './html-text.js';
import { requireId } from './invalid.js';
import type { OnStale } from './types.js';

type ContentEventType = 'content.created' | 'content.updated' | 'content.deleted';

// What an event says of an item besides its key (content_id): the columns the INSERT and the UPDATE write.
const itemColumns = `context_id, content_type, title, url, resource_link_id, body, body_text, deleted, source,
  last_event_id, last_event_type, last_event_at`;

/**
 * One statement applies a content event, so there is no read-then-write race between partitions or replicas.
 * The row becomes what the event describes only when the event is newer than the one the row reflects: later
 * occurredAt, or the same occurredAt and a greater eventId (byte-wise). That order is total, so the final row is
 * the same whatever order the events arrive in (retries and redeliveries reorder them). Nothing is merged from
 * older events (not even a title the newest one leaves out): a merge would make the row depend on which older
 * events happened to arrive before the newest. search_vector follows by itself: it is a generated column.
 */
const applyContentEvent = `
INSERT INTO content.catalog AS stored (content_id, ${itemColumns})
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
ON CONFLICT (content_id) DO UPDATE SET
  ${excludedAssignments(itemColumns)},
  updated_at = now()
WHERE (stored.last_event_at, stored.last_event_id) < (excluded.last_event_at, excluded.last_event_id)`;

/**
 * content.created and content.updated write the item as the event describes it (a Canvas assignment_created,
 * a Moodle course_module_created ...). content.deleted leaves a tombstone under the same ordering: the item's
 * identity (course, type, title, url, resource link) as the deletion names it, but no body, so its text is
 * neither kept nor searchable. An older update that arrives after the deletion cannot bring the item back; a
 * newer one can (Canvas can restore a deleted assignment).
 */
export function contentChangeHandler(onStale: OnStale): ServiceHandler<ContentEventType> {
  return async (event, { tx, log }) => {
    const { data, eventId } = event;
    const deleted = event.type === 'content.deleted';
    const body = deleted ? null : storableText(data.body);
    const result = await tx.query(applyContentEvent, [
      requireId(data.contentId, 'data.contentId', eventId),
      data.contextId,
      data.contentType,
      storableText(data.title),
      storableText(data.url),
      data.resourceLinkId,
      body,
      htmlToText(body),
      deleted,
      event.source,
      eventId,
      event.type,
      new Date(event.occurredAt),
    ]);
    if (result.rowCount === 0) {
      onStale(event.type);
      log.debug({ eventId, type: event.type }, 'content event older than the stored item: ignored');
    }
  };
}
