import { describe, expect, it } from 'vitest';
import type { InletEvent } from '@inlet/schemas';
import { sameHandlerFor, type ServiceBatchHandler, type ServiceHandlers } from '../src/service-handlers.js';

describe('sameHandlerFor', () => {
  it('gives each listed event type the one handler, and no other type', async () => {
    const seen: string[] = [];
    const handlers = sameHandlerFor(['grade.created', 'grade.updated'], async (event) => {
      seen.push(event.type);
    });
    const typed: ServiceHandlers<'grade.created' | 'grade.updated'> = handlers;
    expect(Object.keys(typed).sort()).toEqual(['grade.created', 'grade.updated']);

    await handlers['grade.updated']({ type: 'grade.updated' } as InletEvent<'grade.updated'>);
    await handlers['grade.created']({ type: 'grade.created' } as InletEvent<'grade.created'>);
    expect(seen).toEqual(['grade.updated', 'grade.created']);
  });

  it('shares one batch handler object between the types, so the runtime applies them in one run', () => {
    const batch: ServiceBatchHandler<'grade.created' | 'grade.deleted'> = {
      applyMany: async () => undefined,
    };
    const handlers = sameHandlerFor(['grade.created', 'grade.deleted'], batch);
    expect(handlers['grade.created']).toBe(batch);
    expect(handlers['grade.deleted']).toBe(batch);
  });
});
