import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import {
  applyTopics,
  replicationFactorFromEnv,
  retryConsumerGroup,
  serviceTopics,
  topicsOwnedBy,
  type ServiceName,
} from '@inlet/topics';
import { benchKafkaClient } from './consumer-kafka.js';

const recreateVariable = 'BENCH_RECREATE_TOPICS';

/**
 * A service's consumer group is fixed (inlet-<service>), so a run can only measure it from an empty topic and
 * a group without offsets: the bench deletes and recreates the service's main, retry and DLQ topics. That
 * destroys whatever they held, so it is done only on a broker the bench started itself (startKafka starts one
 * exactly when KAFKA_BROKERS is unset), or when BENCH_RECREATE_TOPICS=1 says the cluster is a scratch one.
 */
export function assertMayRecreateTopics(service: ServiceName, env = process.env): void {
  if (!env.KAFKA_BROKERS || env[recreateVariable] === '1') return;
  const topics = topicsOwnedBy(service, { replicationFactor: 1 }).map((spec) => spec.name);
  throw new Error(
    `refusing to delete ${topics.join(', ')} on the cluster at KAFKA_BROKERS=${env.KAFKA_BROKERS}: the bench ` +
      `empties the ${service} topics and consumer groups before each run. Unset KAFKA_BROKERS (the bench starts ` +
      `a broker of its own), or set ${recreateVariable}=1 if whatever those topics hold may be lost.`,
  );
}

/** Empty main/retry/DLQ topics with their declared partition counts, and no offsets for the service's groups. */
export async function recreateServiceTopics(
  clientEnv: Record<string, string>,
  service: ServiceName,
): Promise<void> {
  assertMayRecreateTopics(service);
  const admin = benchKafkaClient(clientEnv, { clientId: 'inlet-bench-topics', quiet: true }).admin();
  await admin.connect();
  try {
    await recreate(admin, service);
  } finally {
    await admin.disconnect();
  }
}

async function recreate(admin: Admin, service: ServiceName): Promise<void> {
  await deleteIdleGroups(admin, service);
  const specs = topicsOwnedBy(service, { replicationFactor: 1 });
  const names = specs.map((spec) => spec.name);
  const existing = new Set(await admin.listTopics());
  const present = names.filter((name) => existing.has(name));
  if (present.length > 0) await admin.deleteTopics({ topics: present, timeout: 30_000 });
  await waitUntil(
    async () => {
      const listed = new Set(await admin.listTopics());
      return names.every((name) => !listed.has(name));
    },
    () => `the deletion of ${present.join(', ')}`,
  );
  // A deleted topic can linger in the controller for a moment after it left the listing: creating it again
  // then fails with TOPIC_ALREADY_EXISTS, so the creation is retried for a while.
  const replicationFactor = replicationFactorFromEnv();
  let lastError = '';
  await waitUntil(
    () =>
      applyTopics(admin, specs, { replicationFactor }).then(
        () => true,
        (error: unknown) => {
          lastError = (error as Error).message;
          return false;
        },
      ),
    () => `the creation of ${names.join(', ')} (last error: ${lastError})`,
  );
}

/**
 * The service's committed offsets would make its consumer skip the new records, so its groups go too. A group
 * with members means a real consumer of that service is running against this broker: the bench stops there
 * rather than take its partitions away.
 */
export async function deleteIdleGroups(admin: Admin, service: ServiceName): Promise<void> {
  const main = serviceTopics(service).consumerGroup;
  const groups = [main, retryConsumerGroup(main)];
  const { groups: described } = await admin.describeGroups(groups);
  const busy = described.filter((group) => group.members.length > 0);
  if (busy.length > 0) {
    throw new Error(
      `a ${service} consumer is running against this broker (group ${busy[0]!.groupId} has ` +
        `${busy[0]!.members.length} member(s)): stop it before running the bench`,
    );
  }
  const listed = new Set((await admin.listGroups()).groups.map((group) => group.groupId));
  const present = groups.filter((group) => listed.has(group));
  if (present.length > 0) await admin.deleteGroups(present);
}

async function waitUntil(condition: () => Promise<boolean>, what: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what()} after 60 s`);
    await sleep(250);
  }
}
