import { parseCommandLine, requirePositionals } from '../args.js';
import { CliFailure } from '../errors.js';
import { writeLine, type CliIo } from '../io.js';
import { kafkaFromEnv } from '../kafka.js';
import { isoTime } from '../time-format.js';
import { unmappedPosition, type UnmappedRecord } from '../unmapped-record.js';
import { loadUnmapped, unmappedReadOptions } from '../unmapped-records.js';
import { unmappedJson } from './unmapped-list.js';

const command = 'unmapped show';

/** `inlet unmapped show <eventId | partition:offset>`: one unmapped webhook with its payload. */
export async function unmappedShowCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(command, args, {
    options: {
      'unmapped-topic': { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const [wanted] = requirePositionals(positionals, ['eventId|partition:offset'], command) as [string];
  const read = unmappedReadOptions(values, command);
  const { kafka } = kafkaFromEnv(io.env, command);

  const records = await loadUnmapped(kafka, io, read);
  const found = records.filter((record) =>
    /^\d+:\d+$/.test(wanted) ? unmappedPosition(record) === wanted : record.eventId === wanted,
  );
  if (found.length === 0) {
    throw new CliFailure(`no unmapped webhook ${wanted} in ${read.topic} (${records.length} there)`);
  }
  if (values.json) {
    writeLine(io.stdout, JSON.stringify(found.map(unmappedJson), null, 2));
    return 0;
  }
  if (found.length > 1) {
    // A sender's retries of one event: the same eventId, each kept.
    writeLine(io.stdout, `${found.length} unmapped webhooks carry eventId ${wanted}, oldest first\n`);
  }
  writeLine(io.stdout, found.map(describe).join(`\n${'─'.repeat(80)}\n\n`));
  return 0;
}

function describe(record: UnmappedRecord): string {
  const webhook = record.webhook;
  const lines = [
    `unmapped webhook ${record.topic} ${unmappedPosition(record)}`,
    `  event id             ${record.eventId ?? '-'}`,
    `  source               ${record.source ?? '-'}`,
    `  family               ${webhook?.family ?? '-'}`,
    `  event name           ${webhook ? (webhook.sourceEventName ?? '(not shown)') : '-'}`,
    ...(webhook?.internalEventType ? [`  internal event type  ${webhook.internalEventType}`] : []),
    `  received at          ${isoTime(record.receivedAt)}`,
    '',
    webhook ? 'payload' : 'payload (undecodable)',
    webhook ? prettyJson(webhook.payload) : `  ${record.decodeError}`,
  ];
  return lines.join('\n');
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
