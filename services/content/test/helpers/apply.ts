import type pg from 'pg';
import { createEventApplier } from '@inlet/service-kit/testing';
import { createHandlers, type ContentEventType } from '../../src/handlers/index.js';
import { content } from '../../src/service.js';

/**
 * Content's handlers applied as the runtime applies them (createEventApplier), the event id recorded in
 * content.processed_events first (a duplicate is skipped). Keeps the types reported stale and the ids skipped.
 */
export function eventApplier(pool: pg.Pool) {
  const stale: ContentEventType[] = [];
  const handlers = createHandlers({ onStale: (type) => stale.push(type) });
  const { apply, applyTogether, skipped } = createEventApplier(pool, handlers, {
    processedTable: content.processedTable,
  });
  return { apply, applyTogether, stale, skipped };
}
