// Prints the workspace folders one service needs at run time, one a line: the service itself, then every
// workspace package it depends on (its `dependencies`, transitively). build.sh builds and ships exactly these.
// Plain Node, no dependencies: it runs in the image's build stage before anything is installed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** Every workspace of the root package.json (`dir` and `dir/*` patterns), by package name -> folder. */
function workspaceFolders() {
  const folders = readJson('package.json').workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(pattern.slice(0, -2), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => `${pattern.slice(0, -2)}/${entry.name}`)
      : [pattern],
  );
  return new Map(
    folders
      .filter((folder) => existsSync(join(folder, 'package.json')))
      .map((folder) => [readJson(join(folder, 'package.json')).name, folder]),
  );
}

const [serviceFolder] = process.argv.slice(2);
if (!serviceFolder || !existsSync(join(serviceFolder, 'package.json'))) {
  console.error(`workspaces.mjs: "${serviceFolder ?? ''}" is not a workspace folder (no package.json there)`);
  process.exit(64);
}

const workspaces = workspaceFolders();
const needed = [serviceFolder];
for (let i = 0; i < needed.length; i++) {
  const { dependencies = {} } = readJson(join(needed[i], 'package.json'));
  for (const name of Object.keys(dependencies)) {
    const folder = workspaces.get(name);
    if (folder && !needed.includes(folder)) needed.push(folder);
  }
}
console.log(needed.join('\n'));
