import type { Queryable } from '@inlet/service-kit';

/** Lock namespaces: the first key of PostgreSQL's two-key advisory locks. */
const namespaces = {
  payment: 'inlet.payments.payment',
  subscription: 'inlet.payments.subscription',
} as const;

// Ordered by the lock key itself (not the id), so two transactions take any keys they share in one order even
// when two ids hash alike. PostgreSQL evaluates the volatile lock function after the sort.
const lockAll = `
SELECT pg_advisory_xact_lock(hashtext($1), hashtext(id))
  FROM unnest($2::text[]) AS id
 ORDER BY hashtext(id)`;

/**
 * Serializes the events of each payment (or subscription) in `ids` until the transaction ends, in ONE
 * statement. Events of one entity share a partition, but a retried event is consumed from a retry topic
 * concurrently with the main topic, and a rebalance can briefly give a partition to two replicas; without the
 * lock two transactions could each compute "refunded so far" or a projection without seeing the other. Every
 * transaction takes its keys in one order, so two batches that share entities wait for each other instead of
 * deadlocking. A hash collision only makes two unrelated entities wait for each other.
 */
export async function lockEntities(
  tx: Queryable,
  kind: keyof typeof namespaces,
  ids: readonly string[],
): Promise<void> {
  const distinct = [...new Set(ids)].sort();
  await tx.query(lockAll, [namespaces[kind], distinct]);
}
