import {
  describeKafkaConnection,
  explainKafkaConnectError,
  kafkaClientConfig,
  KafkaSettingsError,
  loadKafkaConnection,
} from '@inlet/kafka-connection';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { applyTopics, summarize } from './apply.js';
import { parseTopicsArgs, usage, UsageError } from './cli-args.js';
import { declaredTopics, replicationFactorFromEnv, type OwnedTopicSpec } from './declaration.js';
import type { Principal } from './permissions.js';
import { renderStrimzi } from './strimzi.js';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * The declaration to work on; Inlet's own by default. Tests pass the same topics under names of their own,
   * so they can exercise `apply` on a broker other test files share.
   */
  declaration?: typeof declaredTopics;
}

/** `inlet-topics ...`: returns the exit code (0 done, 1 Kafka refused or failed, 2 a usage or settings error). */
export async function runTopicsCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const command = parseTopicsArgs(argv);
    if (command.kind === 'render') {
      io.stdout(renderStrimzi(command.principal, command.strimzi));
      return 0;
    }
    const replicationFactor = replicationFactorFromEnv(io.env);
    const declaration = io.declaration ?? declaredTopics;
    const specs = selectTopics(declaration({ replicationFactor }), command.service);
    if (command.kind === 'list') {
      io.stdout(listLines(specs, command.service));
      return 0;
    }
    if (specs.length === 0) {
      io.stdout(`${command.service} owns no topics: nothing to apply\n`);
      return 0;
    }
    const connection = loadKafkaConnection(io.env);
    io.stderr(`inlet-topics: ${describeKafkaConnection(connection)}\n`);
    const admin = new Kafka({
      clientId: 'inlet-topics',
      ...kafkaClientConfig(connection),
      logLevel: logLevel.WARN,
    }).admin();
    try {
      await admin.connect();
    } catch (error) {
      throw explainKafkaConnectError(error, connection) ?? error;
    }
    try {
      const result = await applyTopics(admin, specs, { replicationFactor, dryRun: command.dryRun });
      io.stdout(`${command.dryRun ? '(dry run) ' : ''}${summarize(result)}\n`);
    } finally {
      await disconnect(admin);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`inlet-topics: ${error.message}\n\n${usage}\n`);
      return 2;
    }
    if (error instanceof KafkaSettingsError) {
      io.stderr(`inlet-topics: ${error.message}\n`);
      return 2;
    }
    io.stderr(`inlet-topics: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}

/** All declared topics, or only those `service` owns (for the ingress: the unmapped topic). */
export function selectTopics(specs: OwnedTopicSpec[], service: Principal | undefined): OwnedTopicSpec[] {
  return service === undefined ? specs : specs.filter((spec) => spec.owner === service);
}

function listLines(specs: OwnedTopicSpec[], service: Principal | undefined): string {
  if (specs.length === 0) return `${service} owns no topics\n`;
  return specs
    .map((spec) => {
      const retentionDays = Number(spec.config['retention.ms']) / 86_400_000;
      return `${spec.name.padEnd(28)} owner=${spec.owner.padEnd(10)} partitions=${spec.partitions} retention=${retentionDays}d\n`;
    })
    .join('');
}

async function disconnect(admin: Admin): Promise<void> {
  await admin.disconnect().catch(() => undefined);
}
