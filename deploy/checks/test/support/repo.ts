import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is deploy/checks/test/support/repo.ts). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export function repoPath(...parts: string[]): string {
  return join(repoRoot, ...parts);
}

export function readRepoFile(path: string): string {
  return readFileSync(repoPath(path), 'utf8');
}

export function repoFileExists(path: string): boolean {
  return existsSync(repoPath(path)) && statSync(repoPath(path)).isFile();
}

export function repoPathExists(path: string): boolean {
  return existsSync(repoPath(path));
}

/** The names of the folders directly under `path` (relative to the repository root). */
export function subfolders(path: string): string[] {
  if (!existsSync(repoPath(path))) return [];
  return readdirSync(repoPath(path), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Every file under `path` (relative to the root, recursively, skipping node_modules) whose name passes `keep`. */
export function filesUnder(path: string, keep: (name: string) => boolean): string[] {
  if (!existsSync(repoPath(path))) return [];
  const found: string[] = [];
  for (const entry of readdirSync(repoPath(path), { withFileTypes: true })) {
    const child = `${path}/${entry.name}`;
    if (entry.isDirectory() && entry.name !== 'node_modules') found.push(...filesUnder(child, keep));
    else if (entry.isFile() && keep(entry.name)) found.push(child);
  }
  return found.sort();
}
