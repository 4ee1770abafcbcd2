import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The membership service's Prometheus metrics, on a registry of its own (tests build many apps in one
 * process). The consumer runtime registers its processed/failed/retried/dead-lettered counters on the same
 * registry, so one /metrics shows both.
 */
export interface MembershipMetrics {
  registry: Registry;
  outOfOrderEvents: Counter<'type'>;
  unknownRoles: Counter;
  requestDuration: Histogram<'route' | 'status'>;
}

export function createMetrics(): MembershipMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'inlet_membership_' });
  return {
    registry,
    outOfOrderEvents: new Counter({
      name: 'inlet_membership_out_of_order_events_total',
      help: 'Membership events that arrived after a newer event of the same membership (retries, redeliveries)',
      labelNames: ['type'],
      registers: [registry],
    }),
    // No label with the role itself: roles are sender text, unbounded. The member's raw roles show which.
    unknownRoles: new Counter({
      name: 'inlet_membership_unknown_roles_total',
      help: "Roles in applied events that no mapping knows, normalized to 'other'",
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'inlet_membership_http_request_duration_seconds',
      help: 'Read API time from request to answer, by route and HTTP status',
      labelNames: ['route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
