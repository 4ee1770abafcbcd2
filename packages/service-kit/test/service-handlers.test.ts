import { describe, expect, it } from 'vitest';
import type { InletEvent } from '@inlet/schemas';
import { sameHandlerFor, type ServiceHandlers, type TransactionContext } from '../src/service-handlers.js';

describe('sameHandlerFor', () => {
  it('gives each listed event type the one handler, and no other type', async () => {
    const seen: string[] = [];
    const handlers: ServiceHandlers<'grade.created' | 'grade.updated'> = sameHandlerFor(
      ['grade.created', 'grade.updated'],
      async (event) => {
        seen.push(event.type);
      },
    );
    expect(Object.keys(handlers).sort()).toEqual(['grade.created', 'grade.updated']);

    const context = {} as TransactionContext;
    await handlers['grade.updated']({ type: 'grade.updated' } as InletEvent<'grade.updated'>, context);
    await handlers['grade.created']({ type: 'grade.created' } as InletEvent<'grade.created'>, context);
    expect(seen).toEqual(['grade.updated', 'grade.created']);
  });
});
