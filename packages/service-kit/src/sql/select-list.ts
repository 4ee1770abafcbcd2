// A read API answers rows as they come from PostgreSQL: each column is selected under the name of the answer's
// field (`user_id AS "userId"`), so no row type or row-to-answer mapper is kept beside the answer's schema.
// The list is typed by the answer: a field the schema gains and the query does not select is a compile error.
// A nested answer (an object or a list of objects inside a row) is built by PostgreSQL as json the same way.

const fieldName = /^[A-Za-z][A-Za-z0-9]*$/;

/** For each field of the answer `Item`, the SQL expression that yields it. */
export type SelectColumns<Item> = { readonly [Field in keyof Item]-?: string };

/**
 * The SELECT list that answers `Item` straight from the row: `expression AS "field"`, one per field, in the
 * order given. Field names are checked, since they are written into SQL text; expressions are the caller's SQL.
 */
export function selectList<Item>(columns: SelectColumns<Item>): string {
  return fields(columns, (field, expression) => `${expression} AS "${field}"`);
}

/** `json_build_object('field', expression, ...)`: the nested answer `Item`, one expression per field. */
export function jsonObject<Item>(columns: SelectColumns<Item>): string {
  return `json_build_object(${fields(columns, (field, expression) => `'${field}', ${expression}`)})`;
}

/**
 * A timestamptz inside json, as epoch milliseconds for withDates. json would write PostgreSQL's own text
 * (2026-01-01T10:00:00.123456+00:00), not the answer's, and to_char writes years outside 0000-9999 unlike
 * Date#toISOString (+010000, -000001); senders' events may carry such years.
 */
export const jsonTime = (column: string) => `floor(extract(epoch FROM ${column}) * 1000)`;

/** `Item` as it comes out of json when its `Fields` were selected with jsonTime. */
export type WithEpochMs<Item, Fields extends keyof Item> = Omit<Item, Fields> & {
  [Field in Fields]: number | Extract<Item[Field], null>;
};

/** The answer such a json object stands for: each of `fields` a Date again (or null), as Timestamp answers. */
export function withDates<Row extends object, Fields extends keyof Row>(
  object: Row,
  fields: readonly Fields[],
): WithDates<Row, Fields> {
  const item: Record<PropertyKey, unknown> = { ...(object as Record<PropertyKey, unknown>) };
  for (const field of fields) {
    const epochMs = object[field] as number | null;
    item[field] = epochMs === null ? null : new Date(epochMs);
  }
  return item as WithDates<Row, Fields>;
}

type WithDates<Row, Fields extends keyof Row> = Omit<Row, Fields> & {
  [Field in Fields]: Date | Extract<Row[Field], null>;
};

function fields(columns: object, write: (field: string, expression: string) => string): string {
  return Object.entries(columns as Record<string, string>)
    .map(([field, expression]) => {
      if (!fieldName.test(field)) throw new Error(`not a plain field name: ${JSON.stringify(field)}`);
      return write(field, expression);
    })
    .join(', ');
}

/**
 * The columns with which a projection row records the newest event applied to it, as the answers' last four
 * fields (lastEventFields); `table` qualifies them when the query joins.
 */
export function lastEventColumns(table?: string) {
  const column = (name: string) => (table ? `${table}.${name}` : name);
  return {
    lastEventId: column('last_event_id'),
    lastEventType: column('last_event_type'),
    lastEventAt: column('last_event_at'),
    updatedAt: column('updated_at'),
  };
}
