import type pg from 'pg';
import { createEventApplier } from '@inlet/service-kit/testing';
import { createHandlers, type GradesEventType } from '../../src/handlers/index.js';

/** Grades' handlers applied as the runtime applies them (createEventApplier); keeps the types reported stale. */
export function eventApplier(pool: pg.Pool) {
  const stale: GradesEventType[] = [];
  const { apply } = createEventApplier(pool, createHandlers({ onStale: (type) => stale.push(type) }));
  return { apply, stale };
}
