import { describe, expect, it } from 'vitest';
import {
  bindMounts,
  buildArgsOf,
  commandOf,
  composePath,
  containerPorts,
  dependsOn,
  dockerfileOf,
  environmentOf,
  hostsIn,
  loadCompose,
} from './support/compose.js';
import { readEnvSchema } from './support/config-schema.js';
import { envProblems } from './support/env-check.js';
import { readRepoFile, repoFileExists, repoPathExists } from './support/repo.js';
import { serviceFolderNames, serviceFolders } from './support/services.js';
import { secretEnvNames, secretRefs } from './support/sources.js';
import { runtimeWorkspaceDependencies } from './support/workspaces.js';

const compose = loadCompose();
const services = serviceFolders();

/** The mounted repository file a container path comes from, if any. */
function mountedFile(serviceName: string, containerPath: string): string | undefined {
  return bindMounts(compose.services[serviceName]!).find((mount) => mount.target === containerPath)?.source;
}

describe('docker-compose.yml', () => {
  it('parses, with services', () => {
    expect(Object.keys(compose.services ?? {}).length).toBeGreaterThan(0);
  });

  it('runs every deployable under services/ (a folder with a start script), and every app service has a folder', () => {
    const deployables = services.map((service) => service.name);
    const composeApps = Object.keys(compose.services).filter((name) => serviceFolderNames().includes(name));
    expect(composeApps.sort()).toEqual(deployables.sort());
    // An app service in compose is one built from the Dockerfile with SERVICE=<name>; every such build is
    // accounted for.
    for (const [name, service] of Object.entries(compose.services)) {
      if (dockerfileOf(service) === undefined) continue;
      const built = buildArgsOf(service).SERVICE;
      if (name === built) continue;
      expect(name, `${name} builds the ${built} image: only the one-shot topics job may`).toBe('topics');
    }
  });

  describe.each(services.map((service) => [service.name, service] as const))('%s', (name, service) => {
    const composeService = compose.services[name];

    it(`builds the root Dockerfile with SERVICE=${name}, as inlet/${name}`, () => {
      expect(composeService, `no "${name}" service in ${composePath}`).toBeDefined();
      expect(dockerfileOf(composeService!)).toBe('Dockerfile');
      expect(repoFileExists('Dockerfile')).toBe(true);
      expect(buildArgsOf(composeService!)).toEqual({ SERVICE: name });
      expect(composeService!.image).toBe(`inlet/${name}:local`);
    });

    it('publishes its default port (package.json inlet.port, the schema default) and sets PORT to it', () => {
      expect(service.port, `services/${name}/package.json has no inlet.port`).toBeTypeOf('number');
      expect(readEnvSchema(service.dir).properties.get('PORT')?.default).toBe(String(service.port));
      expect(containerPorts(composeService!)).toEqual([service.port]);
      expect(environmentOf(composeService!).PORT).toBe(String(service.port));
    });

    it('sets only variables its config schema declares, every required one, with values of the declared type', () => {
      const env = environmentOf(composeService!);
      const sourcesFile = env.INLET_SOURCES_FILE ? mountedFile(name, env.INLET_SOURCES_FILE) : undefined;
      const sourcesSecrets = sourcesFile ? secretEnvNames(readRepoFile(sourcesFile)) : new Set<string>();
      expect(envProblems(env, readEnvSchema(service.dir), sourcesSecrets)).toEqual([]);
    });

    it('reports its traces to the collector under its own service name', () => {
      const env = environmentOf(composeService!);
      expect(env.OTEL_SERVICE_NAME).toBe(name);
      expect(hostsIn(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? '')).toEqual(['otel-collector']);
    });
  });

  it('points every app service at hosts that are compose services (brokers, database, Redis, collector)', () => {
    for (const { name } of services) {
      const env = environmentOf(compose.services[name] ?? {});
      for (const variable of ['KAFKA_BROKERS', 'DATABASE_URL', 'REDIS_URL', 'OTEL_EXPORTER_OTLP_ENDPOINT']) {
        if (!env[variable]) continue;
        for (const host of hostsIn(env[variable]!)) {
          expect(Object.keys(compose.services), `${name} ${variable} names ${host}`).toContain(host);
        }
      }
    }
  });

  it('gives the ingress its sources file and every secret the file refers to, with the inlet.localEnv values', () => {
    const ingress = services.find((service) => service.name === 'ingress')!;
    const env = environmentOf(compose.services.ingress!);
    const sourcesFile = mountedFile('ingress', env.INLET_SOURCES_FILE!);
    expect(sourcesFile).toBe('services/ingress/sources.local.yaml');
    const localEnv = ingress.packageJson.inlet?.localEnv ?? {};
    for (const ref of secretRefs(readRepoFile(sourcesFile!))) {
      expect(ref.file, 'a secret file in sources.local.yaml would have to be mounted too').toBeUndefined();
      if (ref.optional) continue;
      expect(env[ref.env!], `${ref.env} is not set for the ingress`).toBeTruthy();
      expect(env[ref.env!], `${ref.env} differs from package.json inlet.localEnv`).toBe(localEnv[ref.env!]);
    }
  });

  it('creates the topics with a one-shot job that every Kafka client waits for', () => {
    const topics = compose.services.topics;
    expect(topics).toBeDefined();
    expect(commandOf(topics!)).toBe('node packages/topics/dist/cli.js apply');
    expect(repoFileExists('packages/topics/src/cli.ts')).toBe(true);
    // The image it runs ships the built topics package: the service it builds depends on it (image-layout.test.ts
    // runs this command in every image).
    const service = services.find((candidate) => candidate.name === buildArgsOf(topics!).SERVICE);
    expect(service, 'the topics job builds no service image').toBeDefined();
    expect(runtimeWorkspaceDependencies(service!.packageJson).map((dependency) => dependency.name)).toContain(
      '@inlet/topics',
    );
    expect(environmentOf(topics!).KAFKA_BROKERS).toBe('kafka:9092');
    for (const [name, service] of Object.entries(compose.services)) {
      if (name === 'topics' || !environmentOf(service).KAFKA_BROKERS) continue;
      expect(dependsOn(service).topics, `${name} does not wait for the topics`).toBe(
        'service_completed_successfully',
      );
    }
  });

  it('depends only on services that exist, waiting for health only where a health check is defined', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [target, condition] of Object.entries(dependsOn(service))) {
        const dependency = compose.services[target];
        expect(dependency, `${name} depends on unknown ${target}`).toBeDefined();
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition === 'service_healthy') {
          const dockerfile = dockerfileOf(dependency!);
          const imageHasHealthcheck =
            dockerfile !== undefined && /^HEALTHCHECK /m.test(readRepoFile(dockerfile));
          expect(
            (dependency!.healthcheck?.test !== undefined && !dependency!.healthcheck.disable) ||
              imageHasHealthcheck,
            `${name} waits for ${target} to be healthy, which has no health check`,
          ).toBe(true);
        }
      }
    }
  });

  it('mounts only files and folders that exist in the repository, and declares its named volumes', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const mount of bindMounts(service)) {
        expect(repoPathExists(mount.source), `${name} mounts ${mount.source}, which does not exist`).toBe(
          true,
        );
      }
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === 'string' ? volume.split(':')[0]! : (volume.source ?? '');
        if (typeof volume === 'string' && /^[\w-]+$/.test(source)) {
          expect(Object.keys(compose.volumes ?? {}), `${name} uses undeclared volume ${source}`).toContain(
            source,
          );
        }
      }
    }
  });
});
