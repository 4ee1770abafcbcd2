import { parseCommandLine, positiveInteger, requirePositionals } from '../args.js';
import { writeLine, type CliIo } from '../io.js';
import { kafkaFromEnv } from '../kafka.js';
import { renderTable } from '../table.js';
import { isoTime } from '../time-format.js';
import { parseUnmappedFilters } from '../unmapped-filters.js';
import { unmappedPosition, type UnmappedRecord } from '../unmapped-record.js';
import {
  loadUnmapped,
  selectUnmapped,
  unmappedCommonOptions,
  unmappedReadOptions,
} from '../unmapped-records.js';

const command = 'unmapped list';

/** `inlet unmapped list`: the authentic webhooks no mapping knew, filtered, as a table or JSON. */
export async function unmappedListCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(command, args, {
    options: { ...unmappedCommonOptions, limit: { type: 'string' }, json: { type: 'boolean' } },
  });
  requirePositionals(positionals, [], command);
  const filters = parseUnmappedFilters(values, command, io.now());
  const limit = positiveInteger(values.limit, 'limit', command, 50);
  const read = unmappedReadOptions(values, command);
  const { kafka } = kafkaFromEnv(io.env, command);

  const records = await loadUnmapped(kafka, io, read);
  const { selected, matching } = selectUnmapped(records, filters, limit);
  if (values.json) {
    writeLine(io.stdout, JSON.stringify(selected.map(unmappedJson), null, 2));
    return 0;
  }
  if (selected.length > 0) writeLine(io.stdout, unmappedTable(selected));
  const shown = selected.length < matching ? ` (showing the oldest ${selected.length}; see --limit)` : '';
  writeLine(io.stdout, `${matching} of ${records.length} unmapped webhooks in ${read.topic} match${shown}`);
  return 0;
}

function unmappedTable(records: readonly UnmappedRecord[]): string {
  return renderTable(
    [
      { header: 'PARTITION:OFFSET' },
      { header: 'EVENT ID' },
      { header: 'SOURCE' },
      { header: 'FAMILY' },
      { header: 'EVENT NAME', maxWidth: 48 },
      { header: 'RECEIVED AT' },
      { header: 'PAYLOAD BYTES' },
    ],
    records.map((record) => [
      unmappedPosition(record),
      record.eventId ?? '-',
      record.source ?? '-',
      record.webhook?.family ?? '-',
      record.webhook
        ? (record.webhook.sourceEventName ?? '(not shown)')
        : `(undecodable: ${record.decodeError ?? '-'})`,
      isoTime(record.receivedAt),
      record.webhook ? String(Buffer.byteLength(record.webhook.payload)) : '-',
    ]),
  );
}

/** The --json shape of an unmapped record (also used by show); the payload as parsed JSON when it is JSON. */
export function unmappedJson(record: UnmappedRecord): Record<string, unknown> {
  const webhook = record.webhook;
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    eventId: record.eventId ?? null,
    source: record.source ?? null,
    family: webhook?.family ?? null,
    sourceEventName: webhook?.sourceEventName ?? null,
    internalEventType: webhook?.internalEventType ?? null,
    receivedAt: isoTime(record.receivedAt),
    payload: webhook ? parsedOrText(webhook.payload) : null,
    decodeError: record.decodeError ?? null,
  };
}

function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
