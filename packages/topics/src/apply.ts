import kafkajs, { type Admin } from 'kafkajs';
import type { TopicSpec } from './declaration.js';

// kafkajs is CommonJS and Node's ESM loader cannot see ConfigResourceTypes as a named export.
const { ConfigResourceTypes } = kafkajs;

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
 * declared configuration. Running it twice changes nothing the second time.
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
      waitForLeaders: true,
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

    const current = currentConfigs.get(spec.name) ?? {};
    const differing = Object.keys(spec.config).filter((key) => current[key] !== spec.config[key]);
    if (differing.length > 0) {
      if (!options.dryRun) {
        // AlterConfigs replaces the topic's whole dynamic configuration: the declaration owns it all.
        await admin.alterConfigs({
          validateOnly: false,
          resources: [
            {
              type: ConfigResourceTypes.TOPIC,
              name: spec.name,
              configEntries: Object.entries(spec.config).map(([name, value]) => ({ name, value })),
            },
          ],
        });
      }
      result.configsUpdated.push({ topic: spec.name, changed: differing });
      changed = true;
    }
    if (!changed) result.unchanged.push(spec.name);
  }
  return result;
}

async function describeTopicConfigs(
  admin: Admin,
  specs: TopicSpec[],
): Promise<Map<string, Record<string, string>>> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: specs.map((spec) => ({
      type: ConfigResourceTypes.TOPIC,
      name: spec.name,
      configNames: Object.keys(spec.config),
    })),
  });
  return new Map(
    described.resources.map((resource) => [
      resource.resourceName,
      Object.fromEntries(resource.configEntries.map((entry) => [entry.configName, entry.configValue])),
    ]),
  );
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
