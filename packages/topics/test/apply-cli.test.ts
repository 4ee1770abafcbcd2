import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import kafkajs, { Kafka, logLevel, type Admin } from 'kafkajs';
import { declaredTopics, type DeclarationOptions, type OwnedTopicSpec } from '../src/index.js';
import { runTopicsCli } from '../src/run-cli.js';
import { eventually } from './support/eventually.js';

const { ConfigResourceTypes, ConfigSource } = kafkajs;

// Inlet's declaration under names of this file's own: the run's broker is shared with files that apply the
// real declaration, and this file makes topics deliberately unlike it.
const prefix = `cli-${randomBytes(4).toString('hex')}`;
const declaration = (options: DeclarationOptions): OwnedTopicSpec[] =>
  declaredTopics(options).map((spec) => ({ ...spec, name: `${prefix}.${spec.name}` }));
const ownedBy = (service: string) =>
  declaration({ replicationFactor: 1 }).filter((spec) => spec.owner === service);

const plaintextEnv = () => ({ KAFKA_BROKERS: inject('kafkaBrokers').join(',') });

async function topicsCli(argv: string[], env: NodeJS.ProcessEnv = plaintextEnv()) {
  let stdout = '';
  let stderr = '';
  const code = await runTopicsCli(argv, {
    env,
    declaration,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** What `apply` could change on a topic: its partition count and its own config overrides. */
async function topicState(admin: Admin, topics: string[]) {
  const metadata = await admin.fetchTopicMetadata({ topics });
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
  });
  return Object.fromEntries(
    topics.map((name) => {
      const configs = described.resources.find((resource) => resource.resourceName === name)!.configEntries;
      const overrides = Object.fromEntries(
        configs
          .filter((entry) => entry.configSource === ConfigSource.TOPIC_CONFIG)
          .map((entry) => [entry.configName, entry.configValue]),
      );
      const partitions = metadata.topics.find((topic) => topic.name === name)!.partitions.length;
      return [name, { partitions, overrides }];
    }),
  );
}

describe('inlet-topics apply --service', () => {
  let admin: Admin;
  let fences = 0;
  /**
   * The broker applies metadata records in order: once a topic created now is visible, any change an apply
   * made before it is visible too, so "unchanged" below is not a stale read.
   */
  const fence = () =>
    admin.createTopics({ waitForLeaders: true, topics: [{ topic: `${prefix}.fence-${++fences}` }] });

  beforeAll(async () => {
    admin = new Kafka({
      clientId: 'topics-cli-test',
      brokers: inject('kafkaBrokers'),
      logLevel: logLevel.WARN,
    }).admin();
    await admin.connect();
  });
  afterAll(async () => {
    const ours = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours });
    await admin.disconnect();
  });

  it("touches only that service's topics, and keeps configs the declaration does not name", async () => {
    const membership = ownedBy('membership');
    const [gradesMain, ...gradesRest] = ownedBy('grades');
    // Membership's topics unlike the declaration: fewer partitions, other retention, an operator's setting.
    // grades' main topic exists with a stale retention and a segment size someone else chose.
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        ...membership.map((spec) => ({
          topic: spec.name,
          numPartitions: 2,
          replicationFactor: 1,
          configEntries: [
            { name: 'retention.ms', value: '3600000' },
            { name: 'segment.bytes', value: '1048576' },
          ],
        })),
        {
          topic: gradesMain!.name,
          numPartitions: 6,
          replicationFactor: 1,
          configEntries: [
            { name: 'retention.ms', value: '3600000' },
            { name: 'segment.bytes', value: '2097152' },
          ],
        },
      ],
    });
    const membershipNames = membership.map((spec) => spec.name);
    const membershipBefore = await topicState(admin, membershipNames);
    const gradesMainBefore = await topicState(admin, [gradesMain!.name]);

    const dryRun = await topicsCli(['apply', '--service', 'grades', '--dry-run']);
    expect(dryRun, dryRun.stderr).toMatchObject({ code: 0 });
    expect(dryRun.stdout).toMatch(/^\(dry run\) /);
    expect(dryRun.stdout).toContain(
      `config updated     ${gradesMain!.name} (max.message.bytes, retention.ms)`,
    );
    expect(dryRun.stdout).toContain('4 created, 1 updated, 0 unchanged');
    // The dry run changed nothing.
    await fence();
    const existing = new Set(await admin.listTopics());
    expect(gradesRest.filter((spec) => existing.has(spec.name))).toEqual([]);
    expect(await topicState(admin, [gradesMain!.name])).toEqual(gradesMainBefore);

    const applied = await topicsCli(['apply', '--service', 'grades']);
    expect(applied, applied.stderr).toMatchObject({ code: 0 });
    expect(applied.stdout).toContain('4 created, 1 updated, 0 unchanged');
    expect(applied.stdout).not.toContain('membership');

    await eventually(async () => {
      const grades = await topicState(
        admin,
        ownedBy('grades').map((spec) => spec.name),
      );
      expect(grades[gradesMain!.name]).toEqual({
        partitions: 6,
        // The declared configs are set; the segment size nobody declared is still there.
        overrides: { ...gradesMain!.config, 'segment.bytes': '2097152' },
      });
      for (const spec of gradesRest) {
        expect(grades[spec.name]).toEqual({ partitions: spec.partitions, overrides: spec.config });
      }
    });
    await fence();
    expect(await topicState(admin, membershipNames)).toEqual(membershipBefore);

    // Applying membership itself fixes what the declaration names and keeps the operator's segment size.
    const own = await topicsCli(['apply', '--service', 'membership']);
    expect(own, own.stderr).toMatchObject({ code: 0 });
    await eventually(async () => {
      const after = await topicState(admin, membershipNames);
      for (const spec of membership) {
        expect(after[spec.name]).toEqual({
          partitions: spec.partitions,
          overrides: { ...spec.config, 'segment.bytes': '1048576' },
        });
      }
    });
  });

  const secureEnv = inject('kafkaSecureEnv');
  // The run's broker has a SASL_SSL listener whenever the jar launcher started it (not on a given cluster).
  it.runIf(secureEnv !== null)(
    'connects with the shared connection settings (SASL_SSL with SCRAM here)',
    async () => {
      const result = await topicsCli(['apply', '--service', 'content'], { ...secureEnv });
      expect(result, result.stderr).toMatchObject({ code: 0 });
      expect(result.stderr).toMatch(/security=sasl_ssl/);
      expect(result.stdout).toContain('5 created, 0 updated, 0 unchanged');
      const existing = new Set(await admin.listTopics());
      expect(ownedBy('content').every((spec) => existing.has(spec.name))).toBe(true);
    },
  );

  it('says which variable is missing instead of guessing a cluster', async () => {
    const result = await topicsCli(['apply', '--service', 'media'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/KAFKA_BROKERS is not set/);
  });

  it('lists the one topic the ingress owns: the unmapped topic', async () => {
    const result = await topicsCli(['list', '--service', 'ingress'], {});
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${prefix}.inlet.unmapped.v1`);
    expect(lines[0]).toMatch(/owner=ingress +partitions=3 retention=30d$/);
  });
});
