import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { dockerignoreRules } from './support/build-context.js';
import { argsOf, nodeVersionOf, readDockerfile, stageNamed } from './support/dockerfile.js';
import { buildScript } from './support/image-replay.js';
import { filesUnder, repoFileExists, repoPath, subfolders } from './support/repo.js';
import { serviceFolders } from './support/services.js';
import { runtimeWorkspaceDependencies, workspaceFolders } from './support/workspaces.js';

// One Dockerfile builds every service's image (docker build --build-arg SERVICE=<name> .). Docker cannot run
// here: these checks read it, and image-layout.test.ts replays its build and starts what it makes. They hold
// only while the Dockerfile does nothing but run build.sh and copy its output, which is checked here.
const dockerfile = readDockerfile();
const services = serviceFolders();

describe('the Dockerfile', () => {
  it('is the only one: no service keeps a Dockerfile of its own to drift from it', () => {
    expect(repoFileExists('Dockerfile')).toBe(true);
    expect(subfolders('services').filter((name) => repoFileExists(`services/${name}/Dockerfile`))).toEqual(
      [],
    );
  });

  it('runs a current LTS Node, pinned to one full version in every stage', () => {
    const version = nodeVersionOf(dockerfile);
    const major = Number(version.split('.')[0]);
    // Even majors are the LTS lines; 20 reached its end of life in April 2026.
    expect(major % 2, `node ${version} is not an LTS line`).toBe(0);
    expect(major).toBeGreaterThanOrEqual(24);
    for (const stage of dockerfile.stages.filter((s) => s.from.startsWith('node:'))) {
      expect(stage.from).toMatch(/^node:\d+\.\d+\.\d+-[a-z]+(-slim)?$/);
    }
  });

  it('builds with build.sh alone, on a context copied whole, as the image-layout test replays it', () => {
    const build = stageNamed(dockerfile, 'build');
    expect(build.from).toMatch(/^node:/);
    expect(argsOf(build, 'ARG')).toEqual(['SERVICE']);
    expect(argsOf(build, 'COPY')).toEqual(['. .']);
    const runs = argsOf(build, 'RUN').map((args) => args.replace(/--mount=\S+\s*/g, '').trim());
    expect(runs).toEqual([`sh ${buildScript} "$SERVICE" /out`]);
    expect(build.instructions.map((i) => i.keyword).sort()).toEqual(['ARG', 'COPY', 'RUN', 'WORKDIR']);
  });

  it('runs the built tree alone, from /app, as the non-root node user (uid 1000, the manifests runAsUser)', () => {
    const runtime = stageNamed(dockerfile, 'runtime');
    expect(runtime.from).toBe(stageNamed(dockerfile, 'build').from);
    expect(argsOf(runtime, 'COPY')).toEqual(['--from=build /out /app']);
    expect(argsOf(runtime, 'WORKDIR')).toEqual(['/app']);
    expect(argsOf(runtime, 'USER')).toEqual(['node']);
    expect(argsOf(runtime, 'ENV')).toEqual(['NODE_ENV=production']);
    expect(argsOf(runtime, 'HEALTHCHECK').join('')).toMatch(/process\.env\.PORT.*\/health\/live/);
    expect(argsOf(runtime, 'RUN')).toEqual([]);
  });

  it('ends with the stage of the service SERVICE names', () => {
    expect(dockerfile.globalArgs).toEqual(['SERVICE']);
    expect(dockerfile.stages.at(-1)).toMatchObject({ from: 'service-${SERVICE}', instructions: [] });
    const serviceStages = dockerfile.stages.flatMap((stage) => stage.name?.replace(/^service-/, '') ?? []);
    expect(serviceStages.filter((name) => !['build', 'runtime'].includes(name)).sort()).toEqual(
      services.map((service) => service.name).sort(),
    );
  });

  /**
   * Node flags a service's image sets. The ingress's V8 heap is capped: what its requests hold while Kafka
   * acknowledges them is bounded by MAX_IN_FLIGHT_BYTES and lives outside the heap (npm run bench:ingress-memory).
   * Without Maglev (V8's middle compiler, on by default since Node 22) its RSS under load is 25-35 MiB lower on
   * Node 24 for the same CPU per webhook (test/bench/README.md).
   */
  const nodeFlags: Record<string, string[]> = {
    ingress: ['--max-old-space-size=96', '--max-semi-space-size=8', '--no-maglev'],
  };

  describe.each(services.map((service) => [service.name, service] as const))(
    'the %s stage',
    (name, service) => {
      it('adds to the runtime stage only its default port (package.json inlet.port) and its entry point', () => {
        const stage = stageNamed(dockerfile, `service-${name}`);
        expect(stage.from).toBe('runtime');
        expect(service.port, `services/${name}/package.json has no inlet.port`).toBeTypeOf('number');
        const command = JSON.stringify(['node', ...(nodeFlags[name] ?? []), `services/${name}/dist/main.js`]);
        expect(stage.instructions).toEqual([
          { keyword: 'ENV', args: `PORT=${service.port}` },
          { keyword: 'EXPOSE', args: String(service.port) },
          { keyword: 'CMD', args: command.replaceAll('","', '", "') },
        ]);
        expect(repoFileExists(`services/${name}/src/main.ts`)).toBe(true);
      });

      it('ships the workspaces deploy/checks finds the service depends on (workspaces.mjs agrees)', () => {
        const listed = execFileSync('node', ['deploy/image/workspaces.mjs', `services/${name}`], {
          cwd: repoPath(),
          encoding: 'utf8',
        })
          .split('\n')
          .filter((line) => line.length > 0);
        const expected = runtimeWorkspaceDependencies(service.packageJson).map(
          (dependency) => dependency.folder,
        );
        expect(listed[0]).toBe(`services/${name}`);
        expect(listed.slice(1).sort()).toEqual(expected.sort());
      });
    },
  );
});

describe('.dockerignore', () => {
  const { ignores } = dockerignoreRules();

  it('keeps out what the host installed or built, at every level, and the repository history', () => {
    const hostOnly = [
      'node_modules',
      'services/ingress/node_modules',
      'packages/telemetry/node_modules',
      'dist',
      'packages/topics/dist',
      '.cache',
      '.git',
      '.turbo',
      'coverage',
      'services/grades/coverage',
      '.env',
    ];
    expect(hostOnly.filter((path) => !ignores(path))).toEqual([]);
  });

  it('keeps out tests, benches and deployment files', () => {
    const notBuilt = [
      'services/grades/test',
      'packages/kafka-runtime/test',
      'schemas/test',
      'deploy/local-kafka/test',
      'test/e2e',
      'test/bench',
      'deploy/k8s',
      'deploy/grafana',
    ];
    expect(notBuilt.filter((path) => !ignores(path))).toEqual([]);
  });

  it('keeps in everything a build reads: manifests, lockfile, build scripts, sources and run-time data', () => {
    const all = () => true;
    const built = new Set(
      services.flatMap((service) => [
        service.dir,
        ...runtimeWorkspaceDependencies(service.packageJson).map((dependency) => dependency.folder),
      ]),
    );
    const needed = [
      'package.json',
      'package-lock.json',
      '.npmrc',
      'tsconfig.base.json',
      ...filesUnder('deploy/image', all),
      // npm ci reads every workspace's manifest, built or not.
      ...[...workspaceFolders().values()].map((folder) => `${folder}/package.json`),
      ...[...built].flatMap((folder) => [
        `${folder}/tsconfig.json`,
        `${folder}/tsconfig.build.json`,
        ...filesUnder(`${folder}/src`, (name) => !name.endsWith('.md')),
        ...filesUnder(`${folder}/migrations`, all),
        ...filesUnder(`${folder}/avro`, all),
      ]),
    ];
    expect(filesUnder('schemas/avro', all).length).toBeGreaterThan(0);
    expect(needed.filter((path) => ignores(path))).toEqual([]);
  });
});
