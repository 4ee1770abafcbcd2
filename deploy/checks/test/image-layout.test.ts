import { existsSync, lstatSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKafka, type RunningKafka } from '@inlet/local-kafka';
import { createTestDatabase, waitFor, type TestDatabase } from '@inlet/test-harness';
import { readEnvSchema } from './support/config-schema.js';
import { nodeVersionOf, readDockerfile } from './support/dockerfile.js';
import { concurrencyLimit, freePort, startImageProcess } from './support/image-process.js';
import { replayImage, type ReplayedImage } from './support/image-replay.js';
import { ensureNodeBinary } from './support/node-binary.js';
import { runCommand } from './support/run-command.js';
import { serviceFolders, type ServiceFolder } from './support/services.js';

// Each service's image, rebuilt without a Docker engine: the build context is copied as Docker sends it
// (.dockerignore), deploy/image/build.sh (the build stage's one step) makes the runtime tree, and the service's
// built entry is started from that tree on the images' own Node version, fetched from the npm registry, until
// it is ready. A module the tree lacks (the ingress's ajv@8, nested under services/ingress/node_modules, once
// was) stops it at start, so the test fails.
//
// The images run against a broker of their own: the consumers join their real groups (inlet-<service>) on
// their real topics, which the end-to-end tests' services consume on the run's shared broker.

const nodeVersion = nodeVersionOf(readDockerfile());
const services = serviceFolders();
// Two builds at once at most: each is an npm ci, seven tsc runs and an npm prune.
const buildSlot = concurrencyLimit(2);
// Topic creation by two images at once would race on the same topics.
const topicsSlot = concurrencyLimit(1);

let node: string;
let kafka: RunningKafka;

beforeAll(async () => {
  [node, kafka] = await Promise.all([
    ensureNodeBinary(nodeVersion, join(tmpdir(), `inlet-node-${nodeVersion}.log`)),
    startKafka({ log: () => undefined, maxHeap: '512m' }),
  ]);
}, 600_000);

afterAll(async () => {
  await kafka?.stop();
});

/** What a service needs in its environment besides Kafka, from what its config schema declares. */
async function serviceEnv(
  service: ServiceFolder,
  image: ReplayedImage,
  database: () => Promise<TestDatabase>,
) {
  const schema = readEnvSchema(service.dir);
  const env: Record<string, string> = {};
  if (schema.properties.has('DATABASE_URL')) env.DATABASE_URL = (await database()).url;
  if (schema.properties.has('INLET_SOURCES_FILE')) {
    // The ingress reads its senders from a mounted file; one sender with one secret is enough to start.
    const sourcesFile = join(image.root, 'sources.yaml');
    writeFileSync(
      sourcesFile,
      'sources:\n  - id: image-test\n    family: lti\n    auth: { scheme: hmac, secrets: [{ env: IMAGE_TEST_SECRET }] }\n',
    );
    Object.assign(env, { INLET_SOURCES_FILE: sourcesFile, IMAGE_TEST_SECRET: 'image-test-secret' });
  }
  const known = new Set([...Object.keys(env), ...Object.keys(kafka.clientEnv), 'PORT', 'HOST']);
  const unknown = schema.required.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(
      `the config schema of ${service.dir} requires ${unknown.join(', ')}: give it a value in this test`,
    );
  }
  return env;
}

/** Folders named `name` under `dir`, outside node_modules. */
function foldersNamed(dir: string, name: string, path = ''): string[] {
  return readdirSync(join(dir, path), { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory() || entry.name === 'node_modules') return [];
    const child = path ? `${path}/${entry.name}` : entry.name;
    return entry.name === name ? [child] : foldersNamed(dir, name, child);
  });
}

describe.concurrent.each(services.map((service) => [service.name, service] as const))(
  'the %s image, rebuilt without Docker',
  (name, service) => {
    let image: ReplayedImage | undefined;
    let database: TestDatabase | undefined;
    let passed = 0;

    beforeAll(async () => {
      image = await buildSlot(() => replayImage(name, node));
    }, 1_800_000);

    afterAll(async () => {
      await database?.drop();
      if (!image) return;
      if (passed === 2) await image.remove();
      else console.error(`the ${name} image's build and run are kept in ${image.root} (build.log, run.log)`);
    });

    it('ships every workspace it runs: package.json, dist, its own node_modules, and no sources or dev tools', () => {
      const { app, context, workspaces } = image!;
      expect(workspaces[0]).toBe(`services/${name}`);
      for (const folder of workspaces) {
        expect(existsSync(join(app, folder, 'package.json')), `${folder}/package.json`).toBe(true);
        expect(existsSync(join(app, folder, 'dist')), `${folder}/dist`).toBe(true);
        // npm nests a dependency under the workspace when the root holds another version (ingress: ajv@8).
        if (existsSync(join(context, folder, 'node_modules'))) {
          expect(existsSync(join(app, folder, 'node_modules')), `${folder}/node_modules`).toBe(true);
        }
      }
      expect(existsSync(join(app, 'schemas/avro')), 'schemas/avro, read by the codec at run time').toBe(true);
      expect([...foldersNamed(app, 'src'), ...foldersNamed(app, 'test')]).toEqual([]);
      expect(existsSync(join(app, 'node_modules/typescript')), 'typescript (a dev dependency)').toBe(false);
      // patches/ is applied to the image's dependencies too (build.sh installs with --ignore-scripts).
      const requestQueue = readFileSync(
        join(app, 'node_modules/kafkajs/src/network/requestQueue/index.js'),
        'utf8',
      );
      expect(requestQueue, 'patches/kafkajs+2.2.4.patch applied').toContain('} else if (scheduleAt <= 0) {');
      // Links to workspaces the image does not ship were removed, not left dangling.
      for (const link of readdirSync(join(app, 'node_modules/@inlet'))) {
        expect(lstatSync(join(app, 'node_modules/@inlet', link)).isSymbolicLink()).toBe(true);
        expect(existsSync(join(app, 'node_modules/@inlet', link)), `node_modules/@inlet/${link}`).toBe(true);
      }
      passed += 1;
    });

    it(`creates the topics and starts on Node ${nodeVersion} until /health/ready answers 200, then stops on SIGTERM`, async () => {
      const { app, root } = image!;
      const runLog = join(root, 'run.log');
      writeFileSync(runLog, '');
      // The compose topics job runs this in an image; any image holds packages/topics/dist.
      await topicsSlot(() =>
        runCommand(node, ['packages/topics/dist/cli.js', 'apply'], {
          cwd: app,
          env: { PATH: process.env.PATH, ...kafka.clientEnv, KAFKA_REPLICATION_FACTOR: '1' },
          logFile: runLog,
          timeoutMs: 120_000,
        }),
      );

      const port = await freePort();
      const env = await serviceEnv(service, image!, async () => (database = await createTestDatabase()));
      const started = startImageProcess(
        node,
        app,
        [`services/${name}/dist/main.js`],
        {
          NODE_ENV: 'production',
          HOST: '127.0.0.1',
          PORT: String(port),
          LOG_LEVEL: 'info',
          ...kafka.clientEnv,
          ...env,
        },
        runLog,
      );
      const failure = (what: string) =>
        new Error(`${what}; its output (all of it in ${runLog}):\n${started.output().slice(-6000)}`);
      try {
        const outcome = await waitFor(
          async () => {
            // A process that exits before it is ready (a missing module, a bad setting) fails at once.
            if (started.child.exitCode !== null) return 'exited';
            const answer = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
            return answer?.status === 200 ? 'ready' : undefined;
          },
          { timeoutMs: 90_000, intervalMs: 250, what: `${name} to be ready` },
        ).catch((error: Error) => {
          throw failure(error.message);
        });
        if (outcome === 'exited') {
          throw failure(`${name} exited with ${started.child.exitCode} before it was ready`);
        }
        started.child.kill('SIGTERM');
        expect(await started.exited, started.output().slice(-3000)).toBe(0);
        passed += 1;
      } finally {
        if (started.child.exitCode === null) started.child.kill('SIGKILL');
      }
    }, 240_000);
  },
);
