// Installs the workspace's dependencies when they are missing or older than the lockfile, so that
// `npm start` and `npm test` work on a fresh clone with no other step. Plain Node: it runs before
// anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const lockfile = `${root}package-lock.json`;
const installed = `${root}node_modules/.package-lock.json`;

function isUpToDate() {
  if (!existsSync(installed)) return false;
  if (!existsSync(lockfile)) return true;
  return statSync(installed).mtimeMs >= statSync(lockfile).mtimeMs;
}

if (!isUpToDate()) {
  const args = existsSync(lockfile) ? ['ci'] : ['install'];
  console.log(`[inlet] installing dependencies: npm ${args.join(' ')}`);
  const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[inlet] npm ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}
