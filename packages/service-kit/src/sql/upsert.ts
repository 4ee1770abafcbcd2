// An upsert that replaces a stored row names each replaced column twice: in the INSERT list and as
// `column = excluded.column` in the SET list. The SET list is derived here from a column list the statement
// states once, so the two lists cannot drift apart.

const identifier = /^[a-z_][a-z0-9_]*$/;

/**
 * The column names of a comma-separated SQL list ("a, b,\n  c"). Only plain lower-case identifiers are
 * accepted: the result is written into SQL text, so anything else (a cast, a quoted name, a typo) throws.
 */
export function columnNames(list: string): string[] {
  const names = list.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!identifier.test(name)) throw new Error(`not a plain column name: ${JSON.stringify(name)}`);
  }
  return names;
}

/**
 * The assignments of an `ON CONFLICT ... DO UPDATE SET` that replace each column with the incoming row's
 * value: "a = excluded.a,\n  b = excluded.b". `columns` is a comma-separated list, as in the INSERT.
 */
export function excludedAssignments(columns: string): string {
  return columnNames(columns)
    .map((name) => `${name} = excluded.${name}`)
    .join(',\n  ');
}
