import kafkajs, { type Admin } from 'kafkajs';
import type { TopicSpec } from './declaration.js';

// kafkajs is CommonJS and Node's ESM loader cannot see these enums as named exports.
const { ConfigResourceTypes, ConfigSource } = kafkajs;

export interface ApplyResult {
  created: string[];
  partitionsIncreased: { topic: string; from: number; to: number }[];
  configsUpdated: { topic: string; changed: string[] }[];
  unchanged: string[];
  /** Differences that cannot be applied safely (Kafka cannot remove partitions). */
  warnings: string[];
}

export interface ApplyOptions {
  replicationFactor: number;
  /** Report what would change without changing anything. */
  dryRun?: boolean;
}

/**
 * Makes the broker's topics match the declaration: creates missing topics, adds partitions, and sets the
 * declared configuration. Only the given topics are read or changed, and of their configuration only the keys
 * the declaration names: other overrides (a segment.bytes set by an operator) stay. Running it twice changes
 * nothing the second time.
 */
export async function applyTopics(
  admin: Admin,
  specs: TopicSpec[],
  options: ApplyOptions,
): Promise<ApplyResult> {
  const result: ApplyResult = {
    created: [],
    partitionsIncreased: [],
    configsUpdated: [],
    unchanged: [],
    warnings: [],
  };
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.name));
  const present = specs.filter((spec) => existing.has(spec.name));

  if (missing.length > 0 && !options.dryRun) {
    await admin.createTopics({
      // kafkajs's own wait gives up at the first "does not host this topic-partition", which a KRaft broker
      // answers while the new topics reach its metadata cache: waitForLeaders below waits for them instead.
      waitForLeaders: false,
      // kafkajs's 5 s default is short for a few dozen topics on a busy or freshly started broker.
      timeout: 30_000,
      topics: missing.map((spec) => ({
        topic: spec.name,
        numPartitions: spec.partitions,
        replicationFactor: options.replicationFactor,
        configEntries: Object.entries(spec.config).map(([name, value]) => ({ name, value })),
      })),
    });
  }
  if (missing.length > 0 && !options.dryRun) {
    await waitForLeaders(
      admin,
      missing.map((spec) => spec.name),
    );
  }
  result.created = missing.map((spec) => spec.name);
  if (present.length === 0) return result;

  const metadata = await admin.fetchTopicMetadata({ topics: present.map((spec) => spec.name) });
  const partitionCounts = new Map(metadata.topics.map((topic) => [topic.name, topic.partitions.length]));
  const currentConfigs = await describeTopicConfigs(admin, present);

  for (const spec of present) {
    let changed = false;
    const partitions = partitionCounts.get(spec.name) ?? 0;
    if (partitions < spec.partitions) {
      if (!options.dryRun) {
        await admin.createPartitions({ topicPartitions: [{ topic: spec.name, count: spec.partitions }] });
      }
      result.partitionsIncreased.push({ topic: spec.name, from: partitions, to: spec.partitions });
      changed = true;
    } else if (partitions > spec.partitions) {
      result.warnings.push(
        `${spec.name} has ${partitions} partitions, more than the ${spec.partitions} declared; Kafka cannot remove partitions`,
      );
    }

    const current = currentConfigs.get(spec.name) ?? { values: {}, dynamic: {} };
    const differing = Object.keys(spec.config).filter((key) => current.values[key] !== spec.config[key]);
    if (differing.length > 0) {
      if (!options.dryRun) await setConfigsKeepingOthers(admin, spec, current.dynamic);
      result.configsUpdated.push({ topic: spec.name, changed: differing });
      changed = true;
    }
    if (!changed) result.unchanged.push(spec.name);
  }
  return result;
}

interface TopicConfigs {
  /** Every config's effective value (topic override, broker setting or default). */
  values: Record<string, string>;
  /** Only the topic's own overrides (Kafka's DYNAMIC_TOPIC_CONFIG): what AlterConfigs would otherwise drop. */
  dynamic: Record<string, string>;
}

async function describeTopicConfigs(admin: Admin, specs: TopicSpec[]): Promise<Map<string, TopicConfigs>> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    // No configNames: every config, so the overrides nobody declared are known too.
    resources: specs.map((spec) => ({ type: ConfigResourceTypes.TOPIC, name: spec.name })),
  });
  return new Map(
    described.resources.map((resource) => {
      const configs: TopicConfigs = { values: {}, dynamic: {} };
      for (const entry of resource.configEntries) {
        configs.values[entry.configName] = entry.configValue;
        if (entry.configSource !== ConfigSource.TOPIC_CONFIG) continue;
        if (entry.isSensitive) {
          // Kafka never returns a sensitive value, so it could not be sent back: refuse rather than erase it.
          throw new Error(
            `${resource.resourceName} has a sensitive topic config ${entry.configName} that applying would erase; ` +
              'change this topic with an incremental tool (kafka-configs.sh --alter --add-config)',
          );
        }
        configs.dynamic[entry.configName] = entry.configValue;
      }
      return [resource.resourceName, configs];
    }),
  );
}

/**
 * Sets the declared configs and keeps every other override of the topic.
 *
 * Kafka's AlterConfigs (the only config API kafkajs 2.2.4 implements: IncrementalAlterConfigs is declared but
 * not implemented in its protocol/requests) REPLACES a topic's whole set of overrides: a key it does not name
 * goes back to the broker default. So the request carries the topic's current overrides, read just before
 * (describeTopicConfigs), with the declared values on top. The one gap: an override someone else sets or
 * removes between that read and this write (milliseconds) is undone; nothing the declaration does not name is
 * otherwise ever changed.
 */
async function setConfigsKeepingOthers(
  admin: Admin,
  spec: TopicSpec,
  currentOverrides: Record<string, string>,
): Promise<void> {
  const merged = { ...currentOverrides, ...spec.config };
  await admin.alterConfigs({
    validateOnly: false,
    resources: [
      {
        type: ConfigResourceTypes.TOPIC,
        name: spec.name,
        configEntries: Object.entries(merged).map(([name, value]) => ({ name, value })),
      },
    ],
  });
}

export function summarize(result: ApplyResult): string {
  const lines = [
    ...result.created.map((topic) => `created            ${topic}`),
    ...result.partitionsIncreased.map((p) => `partitions ${p.from} -> ${p.to}    ${p.topic}`),
    ...result.configsUpdated.map((c) => `config updated     ${c.topic} (${c.changed.join(', ')})`),
    ...result.warnings.map((warning) => `WARNING            ${warning}`),
    `${result.created.length} created, ${result.partitionsIncreased.length + result.configsUpdated.length} updated, ` +
      `${result.unchanged.length} unchanged`,
  ];
  return lines.join('\n');
}

/** Errors a broker answers for a topic it has created but not yet fully loaded: worth asking again. */
const notReadyYet = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/** kafkajs's protocol errors carry `type`; its retrier wraps the last one in `originalError`. */
function isNotReadyYet(error: unknown): boolean {
  for (let current = error; typeof current === 'object' && current !== null;) {
    const { type, originalError } = current as { type?: unknown; originalError?: unknown };
    if (typeof type === 'string' && notReadyYet.has(type)) return true;
    current = originalError;
  }
  return false;
}

/** Until every partition of `topics` has a leader (at most 30 s), so that producing to them right away works. */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let lastProblem: string;
    try {
      const metadata = await admin.fetchTopicMetadata({ topics });
      const leaderless = metadata.topics.filter((topic) =>
        topic.partitions.some((partition) => partition.leader < 0),
      );
      if (leaderless.length === 0 && metadata.topics.length === topics.length) return;
      lastProblem = `no leader yet for ${leaderless.map((topic) => topic.name).join(', ')}`;
    } catch (error) {
      if (!isNotReadyYet(error)) throw error;
      lastProblem = (error as Error).message;
    }
    if (Date.now() > deadline) {
      throw new Error(`the new topics have no leaders after ${timeoutMs / 1000} s: ${lastProblem}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
