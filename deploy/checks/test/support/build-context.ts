import { copyFileSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import dockerignore from '@balena/dockerignore';
import { repoPath } from './repo.js';

// The package is CommonJS (`module.exports = ignore`), so Node's default import is the function itself; its
// types describe an ES module whose `default` is that function.
const ignore = dockerignore as unknown as typeof dockerignore.default;

/** The rules of the repository's .dockerignore, as Docker reads them (@balena/dockerignore follows its matcher). */
export function dockerignoreRules(): { ignores(path: string): boolean; exceptions: string[] } {
  const lines = readFileSync(repoPath('.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
  const rules = ignore().add(lines);
  return {
    ignores: (path) => rules.ignores(path),
    exceptions: lines.filter((line) => line.startsWith('!')).map((line) => line.slice(1).replace(/^\//, '')),
  };
}

/**
 * Copies the repository into `target` as `docker build .` sends it: every file .dockerignore does not exclude.
 * Like Docker, it does not walk an excluded folder unless an exception (`!path`) may re-include something in it,
 * so the host's node_modules are never read.
 */
export function copyBuildContext(target: string): void {
  const { ignores, exceptions } = dockerignoreRules();
  const mayReinclude = (dir: string) => exceptions.some((exception) => exception.startsWith(`${dir}/`));
  const visit = (dir: string) => {
    for (const entry of readdirSync(repoPath(dir), { withFileTypes: true })) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      const excluded = ignores(path);
      if (entry.isDirectory()) {
        if (excluded && !mayReinclude(path)) continue;
        mkdirSync(join(target, path), { recursive: true });
        visit(path);
      } else if (!excluded) {
        if (entry.isSymbolicLink()) symlinkSync(readlinkSync(repoPath(path)), join(target, path));
        else copyFileSync(repoPath(path), join(target, path));
      }
    }
  };
  mkdirSync(target, { recursive: true });
  visit('');
}
