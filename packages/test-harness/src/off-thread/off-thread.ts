import { Worker } from 'node:worker_threads';
import type { Call, Reply } from './call-worker.js';

/**
 * Code under test on a worker thread. Code that runs away (a backtracking regex on hostile input) then blocks
 * that thread only: the test's own timeout still fires and fails the test, where the same call on the test's
 * thread would hold the whole run until the regex gave up, hours later. stop() ends the worker even while it
 * is stuck in a regex.
 */
export class OffThread {
  private pending = false;

  private constructor(private readonly worker: Worker) {}

  static async start(): Promise<OffThread> {
    const worker = new Worker(new URL('./boot.mjs', import.meta.url), {
      workerData: { module: new URL('./call-worker.ts', import.meta.url).href },
      // Workspace packages resolve to their TypeScript sources, as in the tests themselves.
      execArgv: ['--conditions=@inlet/source'],
    });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    return new OffThread(worker);
  }

  /** True while a call has not answered: the worker is stuck, or still busy, after its test ended. */
  get busy(): boolean {
    return this.pending;
  }

  /** Imports `module` on the worker ahead of the calls, so its loading time is not theirs. */
  async load(module: URL): Promise<void> {
    await this.send({ module: module.href, name: null, args: [] });
  }

  /** The export `name` of `module`, called with `args` (structured-cloned) on the worker. */
  call<T>(module: URL, name: string, ...args: unknown[]): Promise<T> {
    return this.send({ module: module.href, name, args }) as Promise<T>;
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  private send(call: Call): Promise<unknown> {
    if (this.pending) return Promise.reject(new Error('the worker is still busy with an earlier call'));
    this.pending = true;
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => {
        this.pending = false;
        reject(error);
      };
      this.worker.once('error', onError);
      this.worker.once('message', (reply: Reply) => {
        this.pending = false;
        this.worker.off('error', onError);
        if ('error' in reply) reject(new Error(reply.error));
        else resolve(reply.result);
      });
      this.worker.postMessage(call);
    });
  }
}
