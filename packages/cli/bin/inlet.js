#!/usr/bin/env node
// The `inlet` command: runs the TypeScript sources (src/main.ts) through tsx, with the @inlet/source
// condition that makes workspace packages resolve to their sources, so nothing needs building first.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
// Resolved from here, not from the caller's working directory, which may be outside the repository.
const tsx = import.meta.resolve('tsx');

const child = spawn(
  process.execPath,
  ['--conditions=@inlet/source', '--import', tsx, main, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

// Ctrl-C reaches the child through the terminal's process group; a SIGTERM sent to this process alone is
// passed on. Either way this process waits for the child and leaves with its exit code.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (signal !== 'SIGINT') child.kill(signal);
  });
}
child.on('error', (error) => {
  console.error(`inlet: cannot start node: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1) : 1);
});
