/** A plain-text table: columns as wide as their widest cell (capped), cut with an ellipsis beyond that. */
export interface Column {
  header: string;
  /** Cells longer than this are cut. */
  maxWidth?: number;
}

export function renderTable(columns: readonly Column[], rows: readonly string[][]): string {
  const cells = rows.map((row) =>
    row.map((cell, index) => truncate(oneLine(cell), columns[index]?.maxWidth)),
  );
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((row) => (row[index] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.header)), ...cells.map(line)].join('\n');
}

export function truncate(text: string, maxWidth: number | undefined): string {
  if (maxWidth === undefined || text.length <= maxWidth) return text;
  return `${text.slice(0, Math.max(0, maxWidth - 1))}…`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ⏎ ');
}
