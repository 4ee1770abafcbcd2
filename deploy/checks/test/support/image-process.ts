import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface ImageProcess {
  child: ChildProcess;
  /** Everything it printed so far (also appended to the log file). */
  output(): string;
  exited: Promise<number | null>;
}

/**
 * Starts `node <entry>` in the runtime tree as the image's CMD does (WORKDIR /app), with nothing in its
 * environment but `env` and a PATH: the image's ENV (NODE_ENV=production) is part of `env`.
 */
export function startImageProcess(
  node: string,
  app: string,
  args: string[],
  env: Record<string, string>,
  logFile: string,
): ImageProcess {
  const child = spawn(node, args, {
    cwd: app,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    appendFileSync(logFile, chunk);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** A free loopback port (taken, then released) for a process to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs `work` with at most `limit` of them at once (the replays are CPU- and disk-heavy). */
export function concurrencyLimit(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    // A finished run hands its slot to the next waiter directly, so no newcomer can slip in between.
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
