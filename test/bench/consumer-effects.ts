import type pg from 'pg';
import type { InletEvent } from '@inlet/schemas';

/** What a service's own tables say about the run, against what the produced events should have made of them. */
export interface EffectCheck {
  /** One line for the report, e.g. "gradebook 21034 rows = expected". */
  summary: string;
  /** Empty when every table holds exactly the expected state. */
  problems: string[];
}

/** The later of two events in the services' total order: occurredAt, then the event id compared byte-wise. */
export function isLater(a: InletEvent, b: InletEvent): boolean {
  // Ids are ASCII, where JavaScript's code-unit order is PostgreSQL's COLLATE "C" byte order.
  return a.occurredAt !== b.occurredAt ? a.occurredAt > b.occurredAt : a.eventId > b.eventId;
}

/** Keeps, per key, the event `better` prefers: the state a table's row must reflect. */
export function winnerPerKey(
  events: InletEvent[],
  keyOf: (event: InletEvent) => string,
  better: (candidate: InletEvent, kept: InletEvent) => boolean,
): Map<string, InletEvent> {
  const winners = new Map<string, InletEvent>();
  for (const event of events) {
    const key = keyOf(event);
    const kept = winners.get(key);
    if (!kept || better(event, kept)) winners.set(key, event);
  }
  return winners;
}

/** Reads a table as key → description, built in JavaScript so both sides are described the same way. */
export async function readState<Row extends pg.QueryResultRow>(
  pool: pg.Pool,
  sql: string,
  describe: (row: Row) => [key: string, value: string],
): Promise<Map<string, string>> {
  const { rows } = await pool.query<Row>(sql);
  return new Map(rows.map(describe));
}

/**
 * Compares a table's rows with the expected ones, key by key. A problem names the table, how many keys are
 * missing, unexpected or different, and the first few of each, so a failure says where to look.
 */
export function compareState(
  table: string,
  expected: Map<string, string>,
  actual: Map<string, string>,
): { line: string; problems: string[] } {
  const missing = [...expected.keys()].filter((key) => !actual.has(key));
  const extra = [...actual.keys()].filter((key) => !expected.has(key));
  const different = [...expected.keys()].filter(
    (key) => actual.has(key) && actual.get(key) !== expected.get(key),
  );
  const problems: string[] = [];
  const examples = (keys: string[], show: (key: string) => string) =>
    keys.slice(0, 3).map(show).join('; ') + (keys.length > 3 ? '; ...' : '');
  if (missing.length > 0)
    problems.push(`${table}: ${missing.length} expected rows missing (${examples(missing, (key) => key)})`);
  if (extra.length > 0)
    problems.push(`${table}: ${extra.length} unexpected rows (${examples(extra, (key) => key)})`);
  if (different.length > 0) {
    problems.push(
      `${table}: ${different.length} rows differ from the expected state (` +
        examples(different, (key) => `${key}: ${actual.get(key)} instead of ${expected.get(key)}`) +
        ')',
    );
  }
  const line = `${table} ${actual.size} rows${problems.length === 0 ? ' = expected' : ` (expected ${expected.size})`}`;
  return { line, problems };
}

/** Several tables' comparisons as one check. */
export function combine(results: { line: string; problems: string[] }[]): EffectCheck {
  return {
    summary: results.map((result) => result.line).join(', '),
    problems: results.flatMap((result) => result.problems),
  };
}
