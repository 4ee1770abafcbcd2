import { retryHeaders } from '@inlet/kafka-runtime';
import { parseCommandLine, positiveInteger, requirePositionals } from '../args.js';
import { confirm } from '../confirm.js';
import { byPosition, position, type DeadLetter } from '../dead-letter.js';
import { loadDeadLetters, selectDeadLetters } from '../dead-letters.js';
import { dlqCommonOptions, processedRetentionDays, readTimeoutMs } from '../dlq-options.js';
import { dlqTarget, type DlqTarget } from '../dlq-target.js';
import { CliFailure, UsageError } from '../errors.js';
import { parseFilters } from '../filters.js';
import { writeLine, type CliIo } from '../io.js';
import { codecFromEnv, kafkaFromEnv } from '../kafka.js';
import { produceReplays } from '../produce-replays.js';
import { replayRecord, type ReplayDestination } from '../replay-record.js';
import { isoTime } from '../time-format.js';

const command = 'dlq replay';

/** Records handed to the producer at once: its acknowledgement deadline runs from each send() call. */

const dayMs = 24 * 60 * 60 * 1000;

/** Stale records named in a refusal; the rest are counted. */
const namedStale = 10;

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
      force: { type: 'boolean' },
      'processed-retention-days': { type: 'string' },
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
  const retentionDays = processedRetentionDays(values['processed-retention-days'], target.service, command);
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
  const cutoff = io.now() - retentionDays * dayMs;
  const stale = selected.filter((letter) => receivedAt(letter) < cutoff);
  const staleWhy =
    `received before ${isoTime(cutoff)}, longer ago than the ${retentionDays}-day processed-ids retention ` +
    `of ${target.service}`;
  if (values['dry-run']) {
    if (stale.length > 0) {
      writeLine(
        io.stdout,
        `${stale.length} of them ${stale.length > 1 ? 'were' : 'was'} ${staleWhy}: replay refuses ` +
          `${stale.length > 1 ? 'them' : 'it'} without --force (${named(stale)})`,
      );
    }
    writeLine(io.stdout, `dry run: would replay ${selected.length} to ${destination}; nothing was produced`);
    return 0;
  }
  if (selected.length === 0) {
    writeLine(io.stdout, 'nothing to replay');
    return 0;
  }
  if (stale.length > 0 && !values.force) {
    // Checked before asking: a person should not confirm a replay that is then refused.
    throw new CliFailure(
      `refusing to replay ${deadLetters(stale.length)} ${staleWhy}: ` +
        `${named(stale)}. ${target.service} may have forgotten ${stale.length > 1 ? 'their ids' : 'its id'} ` +
        'and would then apply the event a second time if it was applied before. Narrow the filters to ' +
        'leave them out (e.g. --event-id), or pass --force to replay them anyway',
    );
  }
  if (stale.length > 0) {
    writeLine(
      io.stderr,
      `inlet: --force: replaying ${deadLetters(stale.length)} ${staleWhy}; one applied before may be ` +
        'applied again',
    );
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
  // DLQ order (partition, offset) keeps each key's order: one key's dead letters sit in one DLQ partition.
  const records = [...selected].sort(byPosition).map((letter) => replayRecord(letter, to, now));
  await produceReplays(kafka, records, io);
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

/**
 * When the original event reached Inlet: its receivedAt, which a replay keeps (same value bytes). An
 * undecodable value falls back to its first failure, then to when it was dead-lettered.
 */
function receivedAt(letter: DeadLetter): number {
  if (letter.event) return letter.event.receivedAt;
  const firstFailure = Number(letter.headers[retryHeaders.firstFailureAt]);
  return Number.isSafeInteger(firstFailure) && firstFailure > 0 ? firstFailure : letter.deadLetteredAt;
}

function deadLetters(count: number): string {
  return `${count} dead letter${count === 1 ? '' : 's'}`;
}

/** `partition:offset eventId, ...` for the first few, then how many more. */
function named(letters: DeadLetter[]): string {
  const names = letters
    .slice(0, namedStale)
    .map((letter) => `${position(letter)} ${letter.eventId ?? '(no event id)'}`);
  const more = letters.length - names.length;
  return names.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

function destinationTopic(target: DlqTarget, destination: 'main' | 'retry'): string {
  if (destination === 'main') return target.main;
  if (!target.firstRetry) {
    throw new UsageError(`${target.service} has no retry tiers: replay with --to main`, command);
  }
  return target.firstRetry;
}
