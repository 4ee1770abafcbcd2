import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { LocalKafkaError } from './errors.js';
import type { LocalKafkaOptions } from './options.js';

const pomPath = fileURLToPath(new URL('../pom.xml', import.meta.url));

/**
 * Returns the folder holding the broker's classpath, fetching it with Maven the first time.
 * A marker file is written last, so an interrupted download is redone rather than half-used.
 */
export async function ensureKafkaJars(options: LocalKafkaOptions): Promise<string> {
  const versionDir = join(options.cacheDir, 'kafka', options.kafkaVersion);
  const libs = join(versionDir, 'libs');
  const marker = join(versionDir, '.complete');
  if (existsSync(marker)) return libs;

  options.log(`fetching Apache Kafka ${options.kafkaVersion} from Maven Central into ${libs} (once)`);
  const started = Date.now();
  await rm(libs, { recursive: true, force: true });
  await mkdir(libs, { recursive: true });
  await runMaven([
    '--batch-mode',
    '--quiet',
    '-f',
    pomPath,
    `-Dkafka.version=${options.kafkaVersion}`,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${libs}`,
    '-DincludeScope=runtime',
  ]);
  const jars = (await readdir(libs)).filter((name) => name.endsWith('.jar'));
  if (!jars.some((name) => name.startsWith(`kafka_2.13-${options.kafkaVersion}`))) {
    throw new LocalKafkaError('INLET_KAFKA_FETCH', `Maven finished but ${libs} holds no kafka_2.13 jar`);
  }
  await writeFile(marker, `${new Date().toISOString()} ${jars.length} jars\n`);
  options.log(`fetched ${jars.length} jars in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return libs;
}

function runMaven(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) =>
      reject(new LocalKafkaError('INLET_KAFKA_NO_MAVEN', 'could not run mvn', { cause: error })),
    );
    child.on('exit', (code) => {
      if (code === 0) return resolve();
      reject(
        new LocalKafkaError(
          'INLET_KAFKA_FETCH',
          `mvn could not fetch the Kafka jars (exit ${code}). Its output:\n${output.slice(-4000)}`,
        ),
      );
    });
  });
}
