import { readRepoFile, repoFileExists, subfolders } from './repo.js';
import { readPackageJson, type PackageJson } from './services.js';

/** Every npm workspace of the repository (root package.json `workspaces`), by package name -> folder. */
export function workspaceFolders(): Map<string, string> {
  const root = JSON.parse(readRepoFile('package.json')) as { workspaces: string[] };
  const folders = root.workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? subfolders(pattern.slice(0, -2)).map((name) => `${pattern.slice(0, -2)}/${name}`)
      : [pattern],
  );
  return new Map(
    folders
      .filter((folder) => repoFileExists(`${folder}/package.json`))
      .map((folder) => [readPackageJson(folder).name, folder] as const),
  );
}

/** The workspace packages `packageJson` needs at run time: its `dependencies`, transitively. */
export function runtimeWorkspaceDependencies(packageJson: PackageJson): { name: string; folder: string }[] {
  const workspaces = workspaceFolders();
  const found = new Map<string, string>();
  const visit = (pkg: PackageJson): void => {
    for (const name of Object.keys(pkg.dependencies ?? {})) {
      const folder = workspaces.get(name);
      if (!folder || found.has(name)) continue;
      found.set(name, folder);
      visit(readPackageJson(folder));
    }
  };
  visit(packageJson);
  return [...found].map(([name, folder]) => ({ name, folder })).sort((a, b) => a.name.localeCompare(b.name));
}
