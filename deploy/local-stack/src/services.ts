import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ServicePackage {
  /** Folder name under services/, e.g. "ingress". */
  name: string;
  packageName: string;
  dir: string;
  /** The default HTTP port the service declares in its package.json ("inlet": {"port": ...}). */
  port: number | undefined;
  /**
   * Settings for the local stack only ("inlet": {"localEnv": {...}}), e.g. a development sources file and its
   * secrets. The real environment wins over them.
   */
  localEnv: Record<string, string>;
}

/** Every folder under services/ whose package.json has a start script joins the stack: nothing to register. */
export function discoverServices(servicesDir: string): ServicePackage[] {
  if (!existsSync(servicesDir)) return [];
  return readdirSync(servicesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(servicesDir, entry.name, 'package.json')))
    .map((entry) => {
      const dir = join(servicesDir, entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        scripts?: Record<string, string>;
        inlet?: { port?: number; localEnv?: Record<string, string> };
      };
      return manifest.scripts?.start
        ? {
            name: entry.name,
            packageName: manifest.name,
            dir,
            port: manifest.inlet?.port,
            localEnv: manifest.inlet?.localEnv ?? {},
          }
        : undefined;
    })
    .filter((service): service is ServicePackage => service !== undefined)
    .sort((a, b) => (a.port ?? 0) - (b.port ?? 0));
}

export interface RunningService {
  service: ServicePackage;
  exited: Promise<number | null>;
  stop(timeoutMs: number): Promise<void>;
}

/** Runs `npm start` of one service, its output prefixed with its name. */
export function startService(service: ServicePackage, env: NodeJS.ProcessEnv): RunningService {
  // A variable set to undefined is removed, not inherited (e.g. a REDIS_URL that does not answer).
  const childEnv = Object.fromEntries(
    Object.entries({ ...service.localEnv, ...process.env, ...env }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  const child: ChildProcess = spawn('npm', ['run', '--silent', 'start'], {
    cwd: service.dir,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: npm's `sh -c` does not pass SIGTERM on, so stop() signals the whole group.
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on('line', (line) =>
      console.log(`${service.name.padEnd(10)} | ${line}`),
    );
  }
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    service,
    exited,
    async stop(timeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}
