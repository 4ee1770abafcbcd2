import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import { repoPath } from './repo.js';

/**
 * Finds promtool, or installs it from Debian's `prometheus` package (which ships it) into
 * `.cache/promtool/promtool` (under INLET_CACHE_DIR when set), so a clean CI machine runs the alert tests
 * with no manual step.
 *
 * Order: $PROMTOOL, then `promtool` on PATH, then the cached copy, then an install:
 * `apt-get download prometheus` (or the .deb already in apt's cache) unpacked with `dpkg-deb -x` into the
 * cache folder. That needs no root, installs no system package, creates no user and starts no Prometheus
 * server, unlike `apt-get install prometheus`. Only when apt's package lists are missing (a fresh image) does
 * it run `apt-get update`, which needs root. Idempotent: once cached, nothing is downloaded again.
 */
export function ensurePromtool(log: (line: string) => void = () => {}): string {
  const fromEnv = process.env.PROMTOOL;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`PROMTOOL=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  const onPath = findOnPath('promtool');
  if (onPath) return onPath;
  if (isExecutable(cachedPromtool) && runs(cachedPromtool)) return cachedPromtool;
  installFromDebianPackage(log);
  return cachedPromtool;
}

/** `<INLET_CACHE_DIR or <repo>/.cache>/promtool`, where the Kafka jars and Node binaries are kept too. */
const cacheDir = join(process.env.INLET_CACHE_DIR ?? repoPath('.cache'), 'promtool');
const cachedPromtool = join(cacheDir, 'promtool');

function installFromDebianPackage(log: (line: string) => void): void {
  mkdirSync(cacheDir, { recursive: true });
  // A folder of our own for the download and the unpacked tree: two runs at once never see half a file, and
  // the rename below replaces the cached binary in one step.
  const work = mkdtempSync(join(cacheDir, 'install-'));
  try {
    const deb = debFromAptCache() ?? downloadDeb(work, log);
    const tree = join(work, 'tree');
    check(run('dpkg-deb', ['-x', deb, tree]), `dpkg-deb -x ${deb}`);
    const unpacked = join(tree, 'usr', 'bin', 'promtool');
    if (!isExecutable(unpacked)) throw new Error(`${deb} holds no usr/bin/promtool`);
    renameSync(unpacked, cachedPromtool);
    if (!runs(cachedPromtool)) throw new Error(`${cachedPromtool} was unpacked but does not run`);
    log(`[promtool] installed ${cachedPromtool} from ${deb.split('/').pop()}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The newest prometheus .deb that an earlier `apt-get install`/`download` left in apt's cache, if any. */
function debFromAptCache(): string | undefined {
  const archives = '/var/cache/apt/archives';
  if (!existsSync(archives)) return undefined;
  const debs = readdirSync(archives)
    .filter((name) => /^prometheus_.+\.deb$/.test(name))
    .sort();
  return debs.length > 0 ? join(archives, debs[debs.length - 1]!) : undefined;
}

function downloadDeb(into: string, log: (line: string) => void): string {
  if (!findOnPath('apt-get') || !findOnPath('dpkg-deb')) {
    throw new Error(
      'promtool is not installed and this machine has no apt-get/dpkg-deb to fetch it: install Prometheus ' +
        "(promtool comes with it), put promtool on PATH, or set PROMTOOL to the binary's path",
    );
  }
  log('[promtool] not found: apt-get download prometheus (Debian ships promtool in it)');
  let download = run('apt-get', ['download', 'prometheus'], into);
  if (download.status !== 0 && process.getuid?.() === 0) {
    // A fresh image has no package lists: "Unable to locate package". Fetch them once and try again.
    log('[promtool] apt-get download failed; running apt-get update and trying again');
    check(run('apt-get', ['update']), 'apt-get update');
    download = run('apt-get', ['download', 'prometheus'], into);
  }
  check(download, 'apt-get download prometheus (as root, `apt-get update` first may help)');
  const deb = readdirSync(into).find((name) => name.endsWith('.deb'));
  if (!deb) throw new Error(`apt-get download prometheus left no .deb in ${into}`);
  return join(into, deb);
}

function run(command: string, args: string[], cwd?: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 5 * 60_000 });
}

function check(result: SpawnSyncReturns<string>, what: string): void {
  if (result.status === 0) return;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  throw new Error(
    `${what} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}):\n${output}`,
  );
}

function runs(binary: string): boolean {
  return run(binary, ['--version']).status === 0;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(command: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, command))
    .find(isExecutable);
}
