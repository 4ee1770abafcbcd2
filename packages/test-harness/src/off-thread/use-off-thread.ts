import { afterAll, afterEach, beforeEach } from 'vitest';
import { OffThread } from './off-thread.js';

/**
 * An OffThread for the tests of the enclosing describe, with `modules` loaded before the first call. A call that
 * outlived its test (it timed out: the code under test ran away) leaves the worker stuck, so the worker is then
 * ended and the next test starts a fresh one. Calls go through `call`, as OffThread's.
 */
export function useOffThread(...modules: URL[]): Pick<OffThread, 'call'> {
  let thread: OffThread | undefined;

  beforeEach(async () => {
    if (thread) return;
    thread = await OffThread.start();
    for (const module of modules) await thread.load(module);
  });

  afterEach(async () => {
    if (thread?.busy) {
      await thread.stop();
      thread = undefined;
    }
  });

  afterAll(async () => {
    await thread?.stop();
  });

  return {
    call: <T>(module: URL, name: string, ...args: unknown[]) => {
      if (!thread)
        throw new Error('useOffThread: call it inside a test, after beforeEach started the worker');
      return thread.call<T>(module, name, ...args);
    },
  };
}
