import type { Queryable } from '@inlet/service-kit';

/** Lock namespaces: the first key of PostgreSQL's two-key advisory locks. */
const namespaces = {
  payment: 'inlet.payments.payment',
  subscription: 'inlet.payments.subscription',
} as const;

/**
 * Serializes the events of one payment (or subscription) until the transaction ends. Events of one entity
 * share a partition, but a retried event is consumed from a retry topic concurrently with the main topic,
 * and a rebalance can briefly give a partition to two replicas; without the lock two events could each
 * compute "refunded so far" or a projection without seeing the other. A hash collision only makes two
 * unrelated entities wait for each other.
 */
export async function lockEntity(tx: Queryable, kind: keyof typeof namespaces, id: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [namespaces[kind], id]);
}
