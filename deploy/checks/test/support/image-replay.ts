import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { copyBuildContext } from './build-context.js';
import { runCommand } from './run-command.js';

/** The build stage's one step, as the Dockerfile runs it (checked by images.test.ts) with /out made a folder here. */
export const buildScript = 'deploy/image/build.sh';

/** One service's image, rebuilt without Docker: the build context copied as Docker sends it, then build.sh. */
export interface ReplayedImage {
  service: string;
  /** Holds everything below; kept when a check fails, removed by `remove()`. */
  root: string;
  /** The copy of the build context (the build stage's /repo), after the build. */
  context: string;
  /** The runtime tree: what the runtime stage copies to /app. */
  app: string;
  /** Everything the build printed. */
  logFile: string;
  /** The workspace folders the service runs (deploy/image/workspaces.mjs), e.g. ['services/grades', 'schemas', ...]. */
  workspaces: string[];
  /** Removes the folder, off the event loop: it holds two node_modules trees, and the other replays' runs wait. */
  remove(): Promise<void>;
}

/**
 * The environment of the build: this machine's, with `node` being the images' Node (npm and tsc run on it, as
 * in the build stage), without what an enclosing `npm test` sets for its own scripts (npm_* variables, a
 * NODE_ENV), which the image build does not have.
 */
export function buildEnv(node: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('npm_') && !['NODE_ENV', 'NODE_OPTIONS', 'INIT_CWD'].includes(name),
    ),
  );
  return { ...env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };
}

/** Replays the image build of `service` in a new temporary folder, with `node` as the build stage's Node. */
export async function replayImage(service: string, node: string): Promise<ReplayedImage> {
  const root = mkdtempSync(join(tmpdir(), `inlet-image-${service}-`));
  const context = join(root, 'context');
  const app = join(root, 'app');
  const logFile = join(root, 'build.log');
  writeFileSync(logFile, '');
  copyBuildContext(context);
  const env = buildEnv(node);
  await runCommand('sh', [buildScript, service, app], { cwd: context, env, logFile, timeoutMs: 900_000 });
  const workspaces = execFileSync('node', ['deploy/image/workspaces.mjs', `services/${service}`], {
    cwd: context,
    env,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((line) => line.length > 0);
  return {
    service,
    root,
    context,
    app,
    logFile,
    workspaces,
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
