import { BatchingProducer } from '@inlet/kafka-runtime';
import type { Kafka } from 'kafkajs';
import { parseCommandLine, positiveInteger, requirePositionals } from '../args.js';
import { confirm } from '../confirm.js';
import { byPosition, type DeadLetter } from '../dead-letter.js';
import { loadDeadLetters, selectDeadLetters } from '../dead-letters.js';
import { dlqCommonOptions, readTimeoutMs } from '../dlq-options.js';
import { dlqTarget, type DlqTarget } from '../dlq-target.js';
import { CliFailure, UsageError, errorMessage } from '../errors.js';
import { parseFilters } from '../filters.js';
import { writeLine, type CliIo } from '../io.js';
import { codecFromEnv, kafkaFromEnv } from '../kafka.js';
import { progressFor } from '../progress.js';
import { replayRecord, type ReplayDestination } from '../replay-record.js';

const command = 'dlq replay';

/** Records handed to the producer at once: its acknowledgement deadline runs from each send() call. */
const chunkSize = 500;

/**
 * `inlet dlq replay <service>`: produce the matching dead letters again, to the main topic or the first retry
 * tier, with fresh attempts. Counts first; --dry-run stops there; a person confirms (or passes --yes).
 */
export async function dlqReplayCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(command, args, {
    options: {
      ...dlqCommonOptions,
      limit: { type: 'string' },
      to: { type: 'string' },
      'dry-run': { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
    },
  });
  const [service] = requirePositionals(positionals, ['service'], command) as [string];
  const target = dlqTarget(service, values, command);
  const filters = parseFilters(values, command, io.now());
  const limit = positiveInteger(values.limit, 'limit', command);
  const destinationName = values.to ?? 'main';
  if (destinationName !== 'main' && destinationName !== 'retry') {
    throw new UsageError(`--to ${destinationName}: expected main or retry`, command);
  }
  const timeoutMs = readTimeoutMs(values.timeout, command);
  const { kafka } = kafkaFromEnv(io.env, command);

  const letters = await loadDeadLetters(kafka, codecFromEnv(io.env), target, timeoutMs);
  const { selected, matching } = selectDeadLetters(letters, filters, limit);
  const destination = destinationTopic(target, destinationName);
  const undecodable = selected.filter((letter) => letter.event === undefined).length;
  writeLine(
    io.stdout,
    `${matching} of ${letters.length} dead letters in ${target.dlq} match` +
      (selected.length < matching ? `; --limit takes the oldest ${selected.length}` : '') +
      (undecodable > 0 ? `; ${undecodable} of them cannot be decoded and will most likely fail again` : ''),
  );
  if (values['dry-run']) {
    writeLine(io.stdout, `dry run: would replay ${selected.length} to ${destination}; nothing was produced`);
    return 0;
  }
  if (selected.length === 0) {
    writeLine(io.stdout, 'nothing to replay');
    return 0;
  }
  if (!values.yes) {
    if (!io.isTTY) {
      throw new UsageError(
        `refusing to replay ${selected.length} records without confirmation: not a terminal; pass --yes`,
        command,
      );
    }
    if (!(await confirm(io, `Replay ${selected.length} dead letters to ${destination}?`))) return 1;
  }

  const now = io.now();
  const to: ReplayDestination =
    destinationName === 'retry' ? { topic: destination, notBefore: now } : { topic: destination };
  await produceReplays(kafka, selected, to, now, io);
  writeLine(
    io.stdout,
    `replayed ${selected.length} dead letters to ${destination} with fresh attempts ` +
      `(each carries inlet-replayed-from=${target.dlq}/<partition>/<offset>)`,
  );
  writeLine(
    io.stdout,
    `the dead letters stay in ${target.dlq} (Kafka topics are append-only; they expire with its retention)`,
  );
  return 0;
}

function destinationTopic(target: DlqTarget, destination: 'main' | 'retry'): string {
  if (destination === 'main') return target.main;
  if (!target.firstRetry) {
    throw new UsageError(`${target.service} has no retry tiers: replay with --to main`, command);
  }
  return target.firstRetry;
}

/**
 * Produces with the runtime's acks=all idempotent producer, in DLQ order (partition, offset), which keeps the
 * order of each key: one key's dead letters sit in one DLQ partition, and the producer sends one batch at a time.
 */
async function produceReplays(
  kafka: Kafka,
  letters: DeadLetter[],
  destination: ReplayDestination,
  now: number,
  io: CliIo,
): Promise<void> {
  const ordered = [...letters].sort(byPosition);
  const producer = new BatchingProducer(kafka, {
    lingerMs: 5,
    maxBatchSize: chunkSize,
    ackTimeoutMs: 30_000,
  });
  try {
    await producer.connect();
  } catch (error) {
    throw new CliFailure(`cannot reach Kafka to replay: ${errorMessage(error)}`, { cause: error });
  }
  const progress = progressFor(io, ordered.length, 'replaying');
  let replayed = 0;
  try {
    for (let start = 0; start < ordered.length; start += chunkSize) {
      const chunk = ordered.slice(start, start + chunkSize);
      await Promise.all(chunk.map((letter) => producer.send(replayRecord(letter, destination, now))));
      replayed += chunk.length;
      progress.advance(chunk.length);
    }
  } catch (error) {
    throw new CliFailure(
      `replayed at least ${replayed} of ${ordered.length} before Kafka refused: ${errorMessage(error)}. ` +
        'Running the same replay again is safe: consumers skip event ids they already processed',
      { cause: error },
    );
  } finally {
    progress.stop();
    await producer.disconnect();
  }
}
