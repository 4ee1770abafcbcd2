import { AsyncLocalStorage } from 'node:async_hooks';
import type { TracingChannel } from 'node:diagnostics_channel';
import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';

/**
 * The active OpenTelemetry context, kept in an AsyncLocalStorage this package owns (the SDK's own manager keeps
 * its storage private): Fastify's handler diagnostics channel runs each handler inside the request's context
 * through `storage` (`bindStore`), with no wrapper around the handler and no per-request bind.
 *
 * `bind` binds functions only: binding an EventEmitter (patching its listener methods on every call) is what
 * the SDK's manager does and what made the http instrumentation costly; nothing Inlet runs binds one.
 */
export class StorageContextManager implements ContextManager {
  readonly storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.storage.run(context, thisArg === undefined ? fn : fn.bind(thisArg), ...args);
  }

  bind<T>(context: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const storage = this.storage;
    const fn = target as (...args: unknown[]) => unknown;
    return function bound(this: unknown, ...args: unknown[]) {
      return storage.run(context, () => fn.apply(this, args));
    } as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.storage.disable();
    return this;
  }

  /** Runs what the channel traces (and all it awaits) inside `contextOf(message)`: Node's `runStores`. */
  bindToChannel<M extends object>(
    channel: TracingChannel<unknown, M>,
    contextOf: (message: M) => Context,
  ): void {
    channel.start.bindStore(this.storage, (message) => contextOf(message as M));
  }
}
