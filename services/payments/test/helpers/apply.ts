import type pg from 'pg';
import { createEventApplier } from '@inlet/service-kit/testing';
import { createHandlers, type LedgerEntryKind } from '../../src/handlers/index.js';

/** Payments' handlers applied as the runtime applies them (createEventApplier); keeps the ledger entry kinds. */
export function eventApplier(pool: pg.Pool) {
  const entries: LedgerEntryKind[] = [];
  const { apply } = createEventApplier(pool, createHandlers({ onLedgerEntry: (kind) => entries.push(kind) }));
  return { apply, entries };
}
