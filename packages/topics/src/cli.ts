#!/usr/bin/env node
// inlet-topics: `list` prints the declaration; `apply [--dry-run]` makes the cluster at KAFKA_BROKERS match it.
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { applyTopics, summarize } from './apply.js';
import { declaredTopics, replicationFactorFromEnv } from './declaration.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { 'dry-run': { type: 'boolean', default: false } },
});
const command = positionals[0] ?? 'list';
const replicationFactor = replicationFactorFromEnv();
const specs = declaredTopics({ replicationFactor });

if (command === 'list') {
  for (const spec of specs) {
    const retentionDays = Number(spec.config['retention.ms']) / 86_400_000;
    console.log(`${spec.name.padEnd(28)} partitions=${spec.partitions} retention=${retentionDays}d`);
  }
} else if (command === 'apply') {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    console.error(
      'KAFKA_BROKERS is not set: name the cluster to apply the topics to (host:port[,host:port])',
    );
    process.exit(2);
  }
  const admin = new Kafka({
    clientId: 'inlet-topics',
    brokers: brokers.split(','),
    logLevel: logLevel.WARN,
  }).admin();
  await admin.connect();
  try {
    const result = await applyTopics(admin, specs, { replicationFactor, dryRun: values['dry-run'] });
    console.log(`${values['dry-run'] ? '(dry run) ' : ''}${summarize(result)}`);
  } finally {
    await admin.disconnect();
  }
} else {
  console.error(`unknown command "${command}": use "list" or "apply [--dry-run]"`);
  process.exit(2);
}
