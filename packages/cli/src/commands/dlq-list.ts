import { parseCommandLine, positiveInteger, requirePositionals } from '../args.js';
import { position, type DeadLetter } from '../dead-letter.js';
import { loadDeadLetters, selectDeadLetters } from '../dead-letters.js';
import { dlqCommonOptions, readTimeoutMs } from '../dlq-options.js';
import { dlqTarget } from '../dlq-target.js';
import { parseFilters } from '../filters.js';
import { writeLine, type CliIo } from '../io.js';
import { codecFromEnv, kafkaFromEnv } from '../kafka.js';
import { renderTable } from '../table.js';
import { isoTime } from '../time-format.js';

const command = 'dlq list';

/** `inlet dlq list <service>`: the service's dead letters, filtered, as a table or JSON. */
export async function dlqListCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(command, args, {
    options: { ...dlqCommonOptions, limit: { type: 'string' }, json: { type: 'boolean' } },
  });
  const [service] = requirePositionals(positionals, ['service'], command) as [string];
  const target = dlqTarget(service, values, command);
  const filters = parseFilters(values, command, io.now());
  const limit = positiveInteger(values.limit, 'limit', command, 50);
  const timeoutMs = readTimeoutMs(values.timeout, command);
  const { kafka } = kafkaFromEnv(io.env, command);

  const letters = await loadDeadLetters(kafka, codecFromEnv(io.env), target, timeoutMs);
  const { selected, matching } = selectDeadLetters(letters, filters, limit);
  if (values.json) {
    writeLine(io.stdout, JSON.stringify(selected.map(deadLetterJson), null, 2));
    return 0;
  }
  if (selected.length > 0) writeLine(io.stdout, deadLetterTable(selected));
  const shown = selected.length < matching ? ` (showing the oldest ${selected.length}; see --limit)` : '';
  writeLine(io.stdout, `${matching} of ${letters.length} dead letters in ${target.dlq} match${shown}`);
  return 0;
}

export function deadLetterTable(letters: readonly DeadLetter[]): string {
  return renderTable(
    [
      { header: 'PARTITION:OFFSET' },
      { header: 'EVENT ID' },
      { header: 'TYPE' },
      { header: 'ATTEMPTS' },
      { header: 'ERROR CLASS', maxWidth: 28 },
      { header: 'ERROR MESSAGE', maxWidth: 48 },
      { header: 'DEAD-LETTERED AT' },
      { header: 'ORIGINAL (TOPIC/PARTITION/OFFSET)' },
    ],
    letters.map((letter) => [
      position(letter),
      letter.eventId ?? '-',
      letter.type ?? '-',
      letter.attempts === undefined ? '-' : String(letter.attempts),
      letter.errorClass ?? '-',
      letter.decodeError
        ? `(undecodable: ${letter.decodeError}) ${letter.errorMessage ?? ''}`.trim()
        : (letter.errorMessage ?? '-'),
      isoTime(letter.deadLetteredAt),
      letter.original
        ? `${letter.original.topic}/${letter.original.partition}/${letter.original.offset}`
        : '-',
    ]),
  );
}

/** The --json shape of a dead letter (also used by show). */
export function deadLetterJson(letter: DeadLetter): Record<string, unknown> {
  return {
    topic: letter.topic,
    partition: letter.partition,
    offset: letter.offset,
    key: letter.key,
    eventId: letter.eventId ?? null,
    type: letter.type ?? null,
    attempts: letter.attempts ?? null,
    errorClass: letter.errorClass ?? null,
    errorMessage: letter.errorMessage ?? null,
    deadLetteredAt: isoTime(letter.deadLetteredAt),
    original: letter.original ?? null,
    valueBytes: letter.value?.length ?? 0,
    headers: letter.headers,
    event: letter.event ?? null,
    decodeError: letter.decodeError ?? null,
  };
}
