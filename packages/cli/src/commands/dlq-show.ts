import { parseCommandLine, requirePositionals } from '../args.js';
import { position, type DeadLetter } from '../dead-letter.js';
import { loadDeadLetters } from '../dead-letters.js';
import { readTimeoutMs } from '../dlq-options.js';
import { dlqTarget, topicOverrideOptions } from '../dlq-target.js';
import { CliFailure } from '../errors.js';
import { writeLine, type CliIo } from '../io.js';
import { codecFromEnv, kafkaFromEnv } from '../kafka.js';
import { isoTime } from '../time-format.js';
import { deadLetterJson } from './dlq-list.js';

const command = 'dlq show';

/** `inlet dlq show <service> <eventId | partition:offset>`: everything about one dead letter. */
export async function dlqShowCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(command, args, {
    options: { ...topicOverrideOptions, timeout: { type: 'string' }, json: { type: 'boolean' } },
  });
  const [service, wanted] = requirePositionals(
    positionals,
    ['service', 'eventId|partition:offset'],
    command,
  ) as [string, string];
  const target = dlqTarget(service, values, command);
  const timeoutMs = readTimeoutMs(values.timeout, command);
  const { kafka } = kafkaFromEnv(io.env, command);

  const letters = await loadDeadLetters(kafka, codecFromEnv(io.env), target, timeoutMs);
  const found = letters.filter((letter) =>
    /^\d+:\d+$/.test(wanted) ? position(letter) === wanted : letter.eventId === wanted,
  );
  if (found.length === 0)
    throw new CliFailure(`no dead letter ${wanted} in ${target.dlq} (${letters.length} there)`);
  if (values.json) {
    writeLine(io.stdout, JSON.stringify(found.map(deadLetterJson), null, 2));
    return 0;
  }
  if (found.length > 1) {
    // The same event dead-lettered again, e.g. after a replay that failed the same way.
    writeLine(io.stdout, `${found.length} dead letters carry eventId ${wanted}, oldest first\n`);
  }
  writeLine(io.stdout, found.map(describeDeadLetter).join(`\n${'─'.repeat(80)}\n\n`));
  return 0;
}

function describeDeadLetter(letter: DeadLetter): string {
  const headerBytes = Object.entries(letter.headers).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value),
    0,
  );
  const lines = [
    `dead letter ${letter.topic} ${position(letter)}`,
    `  event id          ${letter.eventId ?? '-'}`,
    `  type              ${letter.type ?? '-'}`,
    `  key               ${letter.key || '(none)'}`,
    `  attempts          ${letter.attempts ?? '-'}`,
    `  error             ${letter.errorClass ?? '-'}: ${letter.errorMessage ?? '-'}`,
    `  dead-lettered at  ${isoTime(letter.deadLetteredAt)}`,
    `  original          ${letter.original ? `${letter.original.topic}/${letter.original.partition}/${letter.original.offset}` : '-'}`,
    `  raw size          value ${letter.value?.length ?? 0} bytes, headers ${headerBytes} bytes`,
    '',
    'headers',
    ...Object.entries(letter.headers).map(([name, value]) => formatHeader(name, value)),
    '',
    letter.event ? 'event' : 'event (undecodable)',
    letter.event ? JSON.stringify(letter.event, null, 2) : `  ${letter.decodeError}`,
  ];
  return lines.join('\n');
}

/** Multi-line values (the error stack) are indented under their name. */
function formatHeader(name: string, value: string): string {
  if (!value.includes('\n')) return `  ${name}: ${value}`;
  return `  ${name}:\n${value
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n')}`;
}
