import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '@inlet/kafka-runtime';
import type { ServiceBatchHandler, ServiceHandler } from '@inlet/service-kit';
import { createHandlers } from '../src/handlers/index.js';
import { at, behaviorEvent, contentEvent } from './helpers/events.js';

// Which failures the handlers make permanent (straight to the DLQ) and which they leave for the runtime to
// retry. No database: the transaction is a stub that fails the way PostgreSQL would.
describe('content handlers', () => {
  describe('failure classification', () => {
    const context = (query: () => Promise<never>) => ({
      tx: { query },
      log: { debug: () => undefined, info: () => undefined },
    });
    const databaseError = (code: string) => {
      const error = new pg.DatabaseError('refused', 0, 'error');
      error.code = code;
      return error;
    };
    const handlers = createHandlers();
    const contentHandler = handlers['content.created'] as ServiceHandler<'content.created'>;
    const behaviorHandler = handlers['user.behavior'] as ServiceBatchHandler<'user.behavior'>;
    const event = contentEvent('content.created', { contentId: 'c-1' });

    it.each(['22P05', '22021', '22003', '54000'])(
      'PostgreSQL refusing the data (SQLSTATE %s) is permanent',
      async (code) => {
        const failure = contentHandler(
          event,
          context(() => Promise.reject(databaseError(code))),
        );
        await expect(failure).rejects.toBeInstanceOf(PermanentError);
        await expect(failure).rejects.toMatchObject({ message: expect.stringContaining(`SQLSTATE ${code}`) });
      },
    );

    it.each([
      ['a deadlock', databaseError('40P01')],
      ['a server shutting down', databaseError('57P01')],
      ['a missing table', databaseError('42P01')],
      ['a lost connection', new Error('Connection terminated unexpectedly')],
    ])('%s stays a plain error, which the runtime retries', async (_case, error) => {
      const failure = behaviorHandler.applyMany(
        [behaviorEvent('u', [['view', 'e', at(0)]])],
        context(() => Promise.reject(error)),
      );
      await expect(failure).rejects.toBe(error);
    });
  });
});
