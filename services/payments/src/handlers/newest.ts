/**
 * SQL for "the value of this column in the newest row that has one", newest by (occurred_at, event_id) with
 * the id compared byte-wise (its column is COLLATE "C"). Used inside an aggregate over one entity's history:
 * each field is chosen on its own, so an event that leaves a field out (a refund without the course, a
 * cancellation without the plan) never erases what another event said, and the choice does not depend on
 * the order the events arrived in.
 */
export function newestNonNull(column: string): string {
  return `(array_agg(${column} ORDER BY occurred_at DESC, event_id DESC) FILTER (WHERE ${column} IS NOT NULL))[1]`;
}
