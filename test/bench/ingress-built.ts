import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Cleanup } from './cleanup.js';
import { collectOutput, waitUntilReady, type RunningService } from './processes.js';

/**
 * The ingress as its image runs it: `node services/ingress/dist/main.js` (the Dockerfile's CMD), compiled by
 * tsc, no tsx loader, every workspace package loaded from its dist/. processes.ts launches `npx tsx`
 * sources; this launches the one node process of the compiled service, so its pid is the service's.
 */

const repositoryDir = fileURLToPath(new URL('../../', import.meta.url));
const buildTimeoutMs = 300_000;

/**
 * Compiles the ingress and the workspace packages it loads (turbo: each package's `build`, its dependencies
 * first; unchanged packages come from turbo's cache, so only the first run after a change pays the tsc time).
 */
export async function buildIngress(): Promise<void> {
  const started = Date.now();
  const output: string[] = [];
  const child = spawn(
    'npx',
    ['turbo', 'run', 'build', '--filter=@inlet/ingress...', '--output-logs=errors-only'],
    {
      cwd: repositoryDir,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  collectOutput(child, output, 60);
  const timer = setTimeout(() => child.kill('SIGTERM'), buildTimeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(
      `building the ingress failed (npx turbo run build --filter=@inlet/ingress..., exit ${code}); ` +
        `fix the build, or measure the sources with --ingress source. Its output:\n${output.join('\n')}`,
    );
  }
  console.error(`[bench] ingress built (turbo) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * The flags the image gives node for a service, read from the Dockerfile's stage of that service
 * (`CMD ["node", ...flags, "services/<service>/dist/main.js"]`), so the bench runs the process as the image
 * does, heap cap included, and cannot drift from it.
 */
export async function imageNodeArgs(service: string): Promise<string[]> {
  const dockerfile = await readFile(`${repositoryDir}Dockerfile`, 'utf8');
  const stage = dockerfile
    .split(/^FROM /m)
    .find((text) => text.startsWith(`runtime AS service-${service}\n`));
  const command = stage && /^CMD (\[.*\])$/m.exec(stage)?.[1];
  const args = command ? (JSON.parse(command) as string[]) : [];
  const entry = `services/${service}/dist/main.js`;
  if (args[0] !== 'node' || args.at(-1) !== entry) {
    throw new Error(`the Dockerfile's service-${service} stage has no CMD ["node", ..., "${entry}"]`);
  }
  return args.slice(1, -1);
}

export interface BuiltServiceSpec {
  name: string;
  /** The service's package folder: `dist/main.js` there is run. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Flags for node itself, e.g. --cpu-prof (which Node 20 refuses in NODE_OPTIONS). */
  nodeArgs?: string[];
  port: number;
  readyPath: string;
  readyTimeoutMs: number;
}

/** Starts `node dist/main.js`, registers its stop with `cleanup` at once, resolves when readyPath answers 200. */
export async function startBuiltService(spec: BuiltServiceSpec, cleanup: Cleanup): Promise<RunningService> {
  const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), 'dist/main.js'], {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, like processes.ts's services: Ctrl-C in the terminal reaches only the bench,
    // which stops the service before the Kafka it flushes to.
    detached: true,
  });
  const pid = child.pid!;
  cleanup.add(spec.name, () => stop(child, spec.name));
  const output: string[] = [];
  collectOutput(child, output, 40, spec.name);
  const exited = new Promise<string>((resolve) =>
    child.on('exit', (code, signal) =>
      resolve(`exited with ${signal ? `signal ${signal}` : `code ${code}`}`),
    ),
  );

  const url = `http://127.0.0.1:${spec.port}`;
  const outcome = await Promise.race([
    waitUntilReady(`${url}${spec.readyPath}`, spec.readyTimeoutMs),
    exited.then((how) => `${how} before it was ready`),
  ]);
  if (outcome !== 'ready') {
    throw new Error(
      `${spec.name} ${outcome} (${spec.cwd}: node dist/main.js). Its last output:\n${output.join('\n')}`,
    );
  }
  return { name: spec.name, url, nodePid: pid };
}

/** SIGTERM (graceful shutdown: in-flight produces finish, spans flush), SIGKILL if it is still there after 15 s. */
async function stop(child: ChildProcess, name: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)])) return;
  console.error(`[bench] ${name} did not stop within 15 s of SIGTERM: killing it`);
  child.kill('SIGKILL');
  await Promise.race([exited, sleep(5_000)]);
}
