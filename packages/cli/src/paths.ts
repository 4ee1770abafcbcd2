import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is packages/cli/src/paths.ts), where people type paths from. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * A path from the command line. Relative paths are taken from the working directory, and, when nothing is
 * there, from the repository root: `npm exec --workspace` runs in packages/cli, yet people type
 * `services/ingress/test/fixtures/...` as they see it from the root.
 */
export function resolveUserPath(path: string, cwd: string): string {
  if (isAbsolute(path)) return path;
  const fromCwd = resolve(cwd, path);
  if (existsSync(fromCwd)) return fromCwd;
  const fromRoot = resolve(repoRoot, path);
  return existsSync(fromRoot) ? fromRoot : fromCwd;
}
