import { spawnSync } from 'node:child_process';
import { LocalKafkaError } from './errors.js';

/** Fails with a clear message when java (17+) or mvn is missing, before anything else is attempted. */
export function checkTools(): void {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    throw new LocalKafkaError(
      'INLET_KAFKA_NO_JAVA',
      'Java is not installed or not on PATH: a local Kafka broker needs Java 17 or newer. ' +
        'Install a JDK 17+, or set KAFKA_BROKERS to an existing Kafka cluster.',
    );
  }
  const major = parseJavaMajor(java.stderr);
  if (major !== undefined && major < 17) {
    throw new LocalKafkaError(
      'INLET_KAFKA_OLD_JAVA',
      `Java ${major} found, but Kafka 4.x needs Java 17 or newer. Install a JDK 17+, or set KAFKA_BROKERS.`,
    );
  }
  const mvn = spawnSync('mvn', ['--version'], { encoding: 'utf8' });
  if (mvn.error || mvn.status !== 0) {
    throw new LocalKafkaError(
      'INLET_KAFKA_NO_MAVEN',
      'Maven (mvn) is not installed or not on PATH: it fetches the Kafka broker jars from Maven Central. ' +
        'Install Maven, or set KAFKA_BROKERS to an existing Kafka cluster.',
    );
  }
}

/** `java -version` prints e.g. `openjdk version "17.0.15"` or `java version "1.8.0_392"` on stderr. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}
