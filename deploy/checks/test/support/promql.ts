/**
 * The metric names a PromQL expression reads. Not a full parser: it drops what cannot be a metric name
 * (string literals, label matchers `{...}`, ranges `[...]`, grouping label lists, numbers, keywords, function and
 * aggregation names, which are followed by `(`) and keeps the remaining identifiers.
 */
const keywords = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'atan2',
  'inf',
  'nan',
]);

export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/(?<![\w$.])([A-Za-z_:][\w:]*)(?!\w)(\s*\()?/g)) {
    const [, name, call] = match;
    if (call || keywords.has(name!.toLowerCase())) continue;
    names.add(name!);
  }
  return [...names];
}

/** The metric names of a Grafana Prometheus variable query: `label_values(metric, label)` or `query_result(expr)`. */
export function variableMetricNames(query: string): string[] {
  const labelValues = /^\s*label_values\(\s*(.*),\s*[\w]+\s*\)\s*$/s.exec(query);
  if (labelValues) return metricNames(labelValues[1]!);
  if (/^\s*label_values\(\s*[\w]+\s*\)\s*$/.test(query)) return [];
  const queryResult = /^\s*query_result\((.*)\)\s*$/s.exec(query);
  if (queryResult) return metricNames(queryResult[1]!);
  return metricNames(query);
}
