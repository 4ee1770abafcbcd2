import { excludedAssignments, type ServiceHandler } from '@inlet/service-kit';
import { invalidEvent, requireId } from './invalid.js';
import type { OnStale } from './types.js';

// What a report says of a deep link besides its key (link_id): the columns the INSERT and the UPDATE write.
const reportColumns = 'resource_type, context_id, created_by, configuration, source, created_at, event_id';

/**
 * A deep link is created once. A second report of it (a re-sent webhook under a new id) is not an error: the
 * row holds the EARLIEST report, whole (its values and its time), chosen by (occurredAt, eventId), so every
 * arrival order ends in the same row. Redeliveries of the SAME event never get here (the runtime skips them).
 */
const recordDeepLink = `
INSERT INTO content.deep_links AS stored (link_id, ${reportColumns})
VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)
ON CONFLICT (link_id) DO UPDATE SET
  ${excludedAssignments(reportColumns)},
  recorded_at = now()
WHERE (excluded.created_at, excluded.event_id) < (stored.created_at, stored.event_id)`;

/**
 * The configuration is JSON text of an object (the ingress turns the sender's object into text). Anything
 * else can never be stored as one, whatever the attempt: permanent.
 */
export function requireConfigurationObject(text: string, eventId: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidEvent(eventId, 'data.configuration is not JSON text', error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidEvent(eventId, 'data.configuration is JSON but not an object');
  }
}

export function deepLinkHandler(onStale: OnStale): ServiceHandler<'deep_link.created'> {
  return async (event, { tx, log }) => {
    const { data, eventId } = event;
    requireConfigurationObject(data.configuration, eventId);
    const result = await tx.query(recordDeepLink, [
      requireId(data.linkId, 'data.linkId', eventId),
      data.resourceType,
      requireId(data.contextId, 'data.contextId', eventId),
      requireId(data.createdBy, 'data.createdBy', eventId),
      // The sender's text, not a re-serialization: jsonb keeps numbers exactly, JavaScript would round them.
      data.configuration,
      event.source,
      new Date(event.occurredAt),
      eventId,
    ]);
    if (result.rowCount === 0) {
      onStale(event.type);
      log.debug({ eventId, linkId: data.linkId }, 'deep link already recorded from an earlier report');
    }
  };
}
