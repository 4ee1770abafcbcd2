/** A Prometheus histogram as scraped: cumulative counts per upper bound, summed over every label set. */
export interface ScrapedHistogram {
  name: string;
  /** Ascending upper bounds (seconds), +Inf last, with the cumulative count of observations at or below it. */
  buckets: { le: number; count: number }[];
  count: number;
  sum: number;
}

/** A service's /metrics page (Prometheus text format). */
export async function scrapeMetrics(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
  if (response.status !== 200) throw new Error(`GET ${baseUrl}/metrics answered ${response.status}`);
  return response.text();
}

/** A counter's value summed over the series whose labels include `label` (e.g. 'outcome="processed"'). */
export function counterTotal(text: string, name: string, label: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes(label))
    .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** One histogram of a /metrics page, all its series added up. */
export function parseHistogram(text: string, name: string): ScrapedHistogram {
  const byBound = new Map<number, number>();
  let count = 0;
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (line.startsWith(`${name}_bucket{`)) {
      const bound = /le="([^"]+)"/.exec(line)?.[1];
      if (bound === undefined) continue;
      const le = bound === '+Inf' ? Infinity : Number(bound);
      byBound.set(le, (byBound.get(le) ?? 0) + value);
    } else if (line.startsWith(`${name}_count`)) count += value;
    else if (line.startsWith(`${name}_sum`)) sum += value;
  }
  const buckets = [...byBound].map(([le, total]) => ({ le, count: total })).sort((a, b) => a.le - b.le);
  return { name, buckets, count, sum };
}

/**
 * The q-quantile in seconds, interpolated linearly inside the bucket that holds it, as Prometheus'
 * histogram_quantile() does: only as precise as the bucket bounds (e.g. "between 5 and 10 ms, assumed evenly
 * spread"). Undefined without observations; the highest finite bound when the quantile is past it.
 */
export function histogramQuantile(histogram: ScrapedHistogram, q: number): number | undefined {
  const total = histogram.buckets.at(-1)?.count ?? 0;
  if (total === 0) return undefined;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const { le, count } of histogram.buckets) {
    if (count >= rank) {
      if (le === Infinity) return lowerBound;
      const inBucket = count - lowerCount;
      return inBucket === 0 ? le : lowerBound + ((le - lowerBound) * (rank - lowerCount)) / inBucket;
    }
    lowerBound = le;
    lowerCount = count;
  }
  return lowerBound;
}

/** "p50 3.1 ms, p99 48 ms (bucket-interpolated)" style figures, in milliseconds. */
export function quantileMs(histogram: ScrapedHistogram, q: number): string {
  const seconds = histogramQuantile(histogram, q);
  if (seconds === undefined) return 'n/a';
  const ms = seconds * 1000;
  return ms < 10 ? ms.toFixed(1) : ms.toFixed(0);
}
