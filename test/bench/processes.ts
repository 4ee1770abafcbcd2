import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Cleanup } from './cleanup.js';
import { findServiceProcess } from './process-memory.js';

export interface ServiceSpec {
  /** Short name for log lines and errors, e.g. "ingress". */
  name: string;
  /** The package folder the service runs from (its node_modules and relative paths resolve there). */
  cwd: string;
  /** The TypeScript entry file, relative to cwd, e.g. "src/main.ts". */
  entry: string;
  env: NodeJS.ProcessEnv;
  port: number;
  readyPath: string;
  readyTimeoutMs: number;
}

export interface RunningService {
  name: string;
  /** The base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The node process running the entry file (not npx's or tsx's launcher): its memory is the service's. */
  nodePid: number;
}

const outputLinesKept = 40;
const outputLinesShown = 20;

/** A port that is free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `npx tsx --conditions=@inlet/source <entry>` the way the service's `npm start` does, registers its
 * stop with `cleanup` at once, and resolves when `readyPath` answers 200.
 */
export async function startService(spec: ServiceSpec, cleanup: Cleanup): Promise<RunningService> {
  const child = spawn('npx', ['tsx', '--conditions=@inlet/source', spec.entry], {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: SIGTERM to npx alone is not passed on to tsx and node (they would be orphaned),
    // so stop() signals the whole group; and Ctrl-C in the terminal reaches only the bench, which then stops
    // the services in order (ingress before Kafka).
    detached: true,
  });
  const groupId = child.pid!;
  cleanup.add(spec.name, () => stopGroup(groupId, spec.name));

  const output: string[] = [];
  collectOutput(child, output, outputLinesKept, spec.name);
  const exited = new Promise<string>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)),
  );

  const url = `http://127.0.0.1:${spec.port}`;
  const outcome = await Promise.race([
    waitUntilReady(`${url}${spec.readyPath}`, spec.readyTimeoutMs),
    exited.then((how) => `exited with ${how} before it was ready`),
  ]);
  if (outcome !== 'ready') {
    throw new Error(
      `${spec.name} ${outcome} (${spec.cwd}: npx tsx ${spec.entry}). Its last output:\n${output.join('\n')}`,
    );
  }
  const nodePid = await findServiceProcess(groupId, spec.entry);
  if (nodePid === undefined)
    throw new Error(`${spec.name}: no process running ${spec.entry} below ${groupId}`);
  return { name: spec.name, url, nodePid };
}

/** Polls until the URL answers 200; resolves 'ready' or a description of the last failure. */
export async function waitUntilReady(url: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.status === 200) return 'ready';
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  return `was not ready after ${timeoutMs} ms (GET ${url}: ${last})`;
}

/** SIGTERM to the whole group (the service shuts down gracefully), SIGKILL if it is still there after 15 s. */
async function stopGroup(groupId: number, name: string): Promise<void> {
  if (!signalGroup(groupId, 'SIGTERM')) return;
  if (await groupGone(groupId, 15_000)) return;
  console.error(`[bench] ${name} did not stop within 15 s of SIGTERM: killing it`);
  signalGroup(groupId, 'SIGKILL');
  await groupGone(groupId, 5_000);
}

/** False when no process of the group is left. */
function signalGroup(groupId: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-groupId, signal);
    return true;
  } catch {
    return false;
  }
}

// npx may exit before tsx and node do, so its exit proves nothing: the group is gone when no member is left.
async function groupGone(groupId: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!signalGroup(groupId, 0)) return true;
    await sleep(100);
  }
  return false;
}

/**
 * Keeps the child's last `kept` output lines in `output`; with a `prefix`, also shows its first lines on stderr
 * (warnings are worth seeing, but a service that logs on every request must not flood the report).
 */
export function collectOutput(child: ChildProcess, output: string[], kept: number, prefix?: string): void {
  let shown = 0;
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      if (output.length > kept) output.shift();
      if (prefix === undefined) return;
      if (shown < outputLinesShown) console.error(`${prefix} | ${line}`);
      else if (shown === outputLinesShown) console.error(`${prefix} | (further output not shown)`);
      shown++;
    });
  }
}
