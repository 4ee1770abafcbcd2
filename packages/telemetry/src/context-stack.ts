import type { TracingChannel } from 'node:diagnostics_channel';
import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';

/**
 * An OpenTelemetry context manager without async tracking: a context is active for the synchronous run of
 * `with` (and between a diagnostics channel's `start` and `end`), never across an `await`. It needs no
 * AsyncLocalStorage, which on Node 20 puts a hook on every promise the process makes (AsyncContextFrame, the
 * default from Node 24, does without). For a service whose spans are all opened at known points (the ingress:
 * the produce, run inside the request's context with `runInRequestContext`); code that opens spans after an
 * await finds no parent.
 */
export class StackContextManager implements ContextManager {
  private current: Context = ROOT_CONTEXT;

  active(): Context {
    return this.current;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    const previous = this.current;
    this.current = context;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.current = previous;
    }
  }

  bind<T>(context: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const run = this.with.bind(this);
    const fn = target as (...args: unknown[]) => unknown;
    return function bound(this: unknown, ...args: unknown[]) {
      return run(context, fn, this, ...args);
    } as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.current = ROOT_CONTEXT;
    return this;
  }

  /** Activates `contextOf(message)` for the synchronous part of what the channel traces. */
  bindToChannel<M extends object>(
    channel: TracingChannel<unknown, M>,
    contextOf: (message: M) => Context,
  ): void {
    const previous = new WeakMap<M, Context>();
    channel.start.subscribe((message) => {
      previous.set(message as M, this.current);
      this.current = contextOf(message as M);
    });
    channel.end.subscribe((message) => {
      this.current = previous.get(message as M) ?? ROOT_CONTEXT;
    });
  }
}
