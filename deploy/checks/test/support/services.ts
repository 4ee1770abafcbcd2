import { readRepoFile, repoFileExists, subfolders } from './repo.js';

export interface PackageJson {
  name: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  inlet?: { port?: number; localEnv?: Record<string, string> };
}

/** A deployable under services/: a folder whose package.json has a start script. */
export interface ServiceFolder {
  name: string;
  dir: string;
  packageJson: PackageJson;
  /** package.json `inlet.port`: the service's default HTTP port. */
  port: number | undefined;
}

export function readPackageJson(dir: string): PackageJson {
  return JSON.parse(readRepoFile(`${dir}/package.json`)) as PackageJson;
}

/**
 * Every folder under services/ whose package.json has a `start` script: the same rule `npm start` uses.
 * A service still being written (no package.json yet) is not a deployable yet.
 */
export function serviceFolders(): ServiceFolder[] {
  return subfolders('services')
    .filter((name) => repoFileExists(`services/${name}/package.json`))
    .map((name) => {
      const dir = `services/${name}`;
      const packageJson = readPackageJson(dir);
      return { name, dir, packageJson, port: packageJson.inlet?.port };
    })
    .filter((service) => service.packageJson.scripts?.start !== undefined);
}

/** Every folder under services/, deployable or not yet. */
export function serviceFolderNames(): string[] {
  return subfolders('services');
}
