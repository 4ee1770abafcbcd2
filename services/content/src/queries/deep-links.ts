import { selectList, type Queryable } from '@inlet/service-kit';
import type { DeepLink } from '../routes/schemas.js';

const deepLinkColumns = selectList<DeepLink>({
  linkId: 'link_id',
  resourceType: 'resource_type',
  contextId: 'context_id',
  createdBy: 'created_by',
  configuration: 'configuration',
  source: 'source',
  createdAt: 'created_at',
  eventId: 'event_id',
});

/** One deep link; undefined when no event created it. jsonb arrives parsed. */
export async function findDeepLink(db: Queryable, linkId: string): Promise<DeepLink | undefined> {
  const { rows } = await db.query<DeepLink>(
    `SELECT ${deepLinkColumns} FROM content.deep_links WHERE link_id = $1`,
    [linkId],
  );
  return rows[0];
}
