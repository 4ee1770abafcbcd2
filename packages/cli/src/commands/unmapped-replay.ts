import type { OutgoingRecord } from '@inlet/kafka-runtime';
import { parseCommandLine, positiveInteger, requirePositionals } from '../args.js';
import { confirm } from '../confirm.js';
import { UsageError } from '../errors.js';
import { writeLine, type CliIo } from '../io.js';
import { codecFromEnv, kafkaFromEnv } from '../kafka.js';
import { produceReplays } from '../produce-replays.js';
import { parseUnmappedFilters } from '../unmapped-filters.js';
import { unmappedPosition, type UnmappedRecord } from '../unmapped-record.js';
import { unmappedReplay } from '../unmapped-replay-record.js';
import {
  loadUnmapped,
  selectUnmapped,
  unmappedCommonOptions,
  unmappedReadOptions,
} from '../unmapped-records.js';

const command = 'unmapped replay';

/** Records handed to the producer at once: its acknowledgement deadline runs from each send() call. */

/**
 * `inlet unmapped replay`: runs today's normalizer on each matching unmapped webhook; those that now map go to
 * their real topic as the canonical event, with their original eventId and receivedAt. Those that still do not
 * map are listed and skipped. Counts first; --dry-run stops there; a person confirms (or passes --yes).
 */
export async function unmappedReplayCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(command, args, {
    options: {
      ...unmappedCommonOptions,
      limit: { type: 'string' },
      'dry-run': { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
    },
  });
  requirePositionals(positionals, [], command);
  const filters = parseUnmappedFilters(values, command, io.now());
  const limit = positiveInteger(values.limit, 'limit', command);
  const read = unmappedReadOptions(values, command);
  const { kafka } = kafkaFromEnv(io.env, command);

  const records = await loadUnmapped(kafka, io, read);
  const { selected, matching } = selectUnmapped(records, filters, limit);
  const now = io.now();
  const codec = codecFromEnv(io.env);
  const mapped: { from: UnmappedRecord; record: OutgoingRecord }[] = [];
  const skipped: { from: UnmappedRecord; reason: string }[] = [];
  for (const from of selected) {
    const replay = await unmappedReplay(from, codec, now);
    if (replay.mapped) mapped.push({ from, record: replay.record });
    else skipped.push({ from, reason: replay.reason });
  }

  writeLine(
    io.stdout,
    `${matching} of ${records.length} unmapped webhooks in ${read.topic} match` +
      (selected.length < matching ? `; --limit takes the oldest ${selected.length}` : '') +
      `; ${mapped.length} now map${mapped.length > 0 ? ` (${byTopic(mapped)})` : ''}, ` +
      `${skipped.length} still do not`,
  );
  for (const { from, reason } of skipped) {
    writeLine(io.stdout, `  skipped ${unmappedPosition(from)} ${from.eventId ?? '-'}: ${reason}`);
  }
  if (values['dry-run']) {
    writeLine(io.stdout, `dry run: would replay ${mapped.length}; nothing was produced`);
    return 0;
  }
  if (mapped.length === 0) {
    writeLine(io.stdout, 'nothing to replay');
    // Records were asked for and none maps yet: a script should notice.
    return selected.length > 0 ? 1 : 0;
  }
  if (!values.yes) {
    if (!io.isTTY) {
      throw new UsageError(
        `refusing to replay ${mapped.length} records without confirmation: not a terminal; pass --yes`,
        command,
      );
    }
    if (!(await confirm(io, `Replay ${mapped.length} unmapped webhooks to their topics?`))) return 1;
  }

  await produceReplays(
    kafka,
    mapped.map(({ record }) => record),
    io,
  );
  writeLine(
    io.stdout,
    `replayed ${mapped.length} unmapped webhooks with their original eventIds ` +
      `(each carries inlet-replayed-from=${read.topic}/<partition>/<offset>)`,
  );
  writeLine(
    io.stdout,
    `they stay in ${read.topic} (Kafka topics are append-only; they expire with its retention); ` +
      'replaying again is harmless: consumers skip event ids they already processed',
  );
  return 0;
}

function byTopic(mapped: readonly { record: OutgoingRecord }[]): string {
  const counts = new Map<string, number>();
  for (const { record } of mapped) counts.set(record.topic, (counts.get(record.topic) ?? 0) + 1);
  return [...counts].map(([topic, count]) => `${topic}: ${count}`).join(', ');
}
