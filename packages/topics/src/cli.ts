#!/usr/bin/env node
// inlet-topics: `list` prints the declaration; `apply [--service s] [--dry-run]` makes the cluster match it;
// `render strimzi --service s` prints a service's KafkaTopics and KafkaUser (cli-args.ts has the usage).
import { runTopicsCli } from './run-cli.js';

process.exitCode = await runTopicsCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
