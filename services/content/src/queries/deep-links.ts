import type { Queryable } from '@inlet/service-kit';
import type { DeepLink } from '../routes/schemas.js';

interface DeepLinkRow {
  link_id: string;
  resource_type: DeepLink['resourceType'];
  context_id: string;
  created_by: string;
  configuration: Record<string, unknown>;
  source: string;
  created_at: Date;
  event_id: string;
}

/** One deep link; undefined when no event created it. jsonb arrives parsed. */
export async function findDeepLink(db: Queryable, linkId: string): Promise<DeepLink | undefined> {
  const { rows } = await db.query<DeepLinkRow>(
    `SELECT link_id, resource_type, context_id, created_by, configuration, source, created_at, event_id
       FROM content.deep_links WHERE link_id = $1`,
    [linkId],
  );
  const row = rows[0];
  return row
    ? {
        linkId: row.link_id,
        resourceType: row.resource_type,
        contextId: row.context_id,
        createdBy: row.created_by,
        configuration: row.configuration,
        source: row.source,
        createdAt: row.created_at.toISOString(),
        eventId: row.event_id,
      }
    : undefined;
}
