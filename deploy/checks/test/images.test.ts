import { describe, expect, it } from 'vitest';
import { readRepoFile, repoFileExists } from './support/repo.js';
import { serviceFolders } from './support/services.js';
import { runtimeWorkspaceDependencies } from './support/workspaces.js';

// `docker compose up --build` and the Kubernetes manifests need each service's image to build and to run as the
// user the manifests name. Docker cannot run here, so these checks read the Dockerfiles.
const services = serviceFolders();

describe.each(services.map((service) => [service.name, service] as const))(
  'the %s image',
  (name, service) => {
    const dockerfile = `services/${name}/Dockerfile`;
    const text = () => {
      expect(repoFileExists(dockerfile), `${dockerfile} does not exist (yet)`).toBe(true);
      return readRepoFile(dockerfile);
    };

    it('copies, builds and ships every workspace package the service depends on', () => {
      const content = text();
      const problems = runtimeWorkspaceDependencies(service.packageJson).flatMap(({ name: pkg, folder }) => {
        const missing: string[] = [];
        if (!new RegExp(`^COPY\\s+${folder}\\s`, 'm').test(content)) missing.push(`COPY ${folder} (sources)`);
        if (!content.includes(`--workspace ${pkg}`)) missing.push(`npm run build --workspace ${pkg}`);
        if (!content.includes(`/repo/${folder}/dist`)) missing.push(`COPY --from=build /repo/${folder}/dist`);
        return missing.length > 0 ? [`${pkg}: ${missing.join(', ')}`] : [];
      });
      expect(problems, `${dockerfile} lacks what ${service.packageJson.name} imports at run time`).toEqual(
        [],
      );
    });

    it('runs as the non-root node user (uid 1000, the runAsUser of the manifests) on its default port', () => {
      const content = text();
      expect(content).toMatch(/^USER node$/m);
      expect(content).toMatch(new RegExp(`^EXPOSE ${service.port}$`, 'm'));
      expect(content).toMatch(new RegExp(`^ENV .*\\bPORT=${service.port}\\b`, 'm'));
      expect(content).toMatch(/^HEALTHCHECK .*\/health\/live/m);
    });
  },
);
