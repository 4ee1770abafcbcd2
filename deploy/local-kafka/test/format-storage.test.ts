// Regression: a KRaft cluster id is 16 random bytes in base64url, so about one start in 64 drew an id beginning
// with '-'. Passed as `-t <id>`, kafka-storage took the id for an option ("argument --cluster-id/-t: expected one
// argument") and the broker never started. The id now travels as `--cluster-id=<id>`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serverProperties } from '../src/broker-config.js';
import { formatStorage } from '../src/broker-process.js';
import { ensureKafkaJars } from '../src/jars.js';
import { resolveOptions } from '../src/options.js';

describe('formatting the KRaft storage', () => {
  const folders: string[] = [];
  afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

  it('accepts a cluster id that begins with a dash', async () => {
    const libs = await ensureKafkaJars(resolveOptions({ log: () => undefined }));
    const workDir = await mkdtemp(join(tmpdir(), 'inlet-format-'));
    folders.push(workDir);
    const files = {
      libs,
      workDir,
      logDir: join(workDir, 'logs'),
      propertiesFile: join(workDir, 'server.properties'),
      log4jFile: join(workDir, 'log4j2.properties'),
    };
    await writeFile(
      files.propertiesFile,
      serverProperties({ port: 1, controllerPort: 2, dataDir: join(workDir, 'data'), logDir: files.logDir }),
    );
    const clusterId = '-UpcJ-EhjXoAdBHgjS6ZEg';
    await expect(formatStorage(files, clusterId)).resolves.toBeUndefined();
  });
});
