import { defineConsumerService } from '@inlet/service-kit';
import { createHandlers } from './handlers/index.js';
import { maxIdLength } from './roster/limits.js';
import { memberRoutes } from './routes/members.js';
import { userContextRoutes } from './routes/user-contexts.js';

/** Membership: inlet.membership.v1 into course rosters (roles normalized), with a read API. */
export const membership = defineConsumerService({
  name: 'membership',
  port: 8082,
  migrations: new URL('../migrations', import.meta.url),
  metrics: ({ counter }) => ({
    outOfOrderEvents: counter(
      'out_of_order_events_total',
      'Membership events that arrived after a newer event of the same membership (retries, redeliveries)',
      ['type'],
    ),
    // No label with the role itself: roles are sender text, unbounded. The member's raw roles show which.
    unknownRoles: counter(
      'unknown_roles_total',
      "Roles in applied events that no mapping knows, normalized to 'other'",
    ),
  }),
  handlers: ({ metrics }) =>
    createHandlers({
      onOutOfOrder: (type) => metrics.outOfOrderEvents.inc({ type }),
      onUnknownRoles: (count) => metrics.unknownRoles.inc(count),
    }),
  routes: [memberRoutes, userContextRoutes],
  // Members are addressed by course and user id in the path. The router refuses longer parameters (414), but
  // ids may be up to maxIdLength characters, each up to 4 UTF-8 bytes sent as %XX.
  maxParamLength: maxIdLength * 12,
});
