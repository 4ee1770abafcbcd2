import { setTimeout as sleep } from 'node:timers/promises';
import { scrapeMetrics } from './consumer-metrics.js';
import { readMemory } from './process-memory.js';

/** The largest figures seen while watching, in bytes. */
export interface MemoryPeaks {
  rss: number;
  /** V8's heap in use (every space), and its old space alone: what --max-old-space-size caps. */
  heapUsed: number;
  oldSpaceUsed: number;
  /** The ingress's reservation for the bodies of the webhooks it holds (inlet_ingress_in_flight_bytes). */
  inFlightBytes: number;
  samples: number;
}

/**
 * Samples the ingress every `intervalMs` until stop(): the RSS of its process (/proc) and, from its own
 * /metrics, the V8 heap and the in-flight reservation. /metrics needs no Kafka, so it answers during a stall;
 * a sample it misses (the process busy collecting garbage) leaves those figures to the other samples.
 */
export function watchMemory(
  pid: number,
  baseUrl: string,
  intervalMs = 250,
): { stop(): Promise<MemoryPeaks> } {
  const peaks: MemoryPeaks = { rss: 0, heapUsed: 0, oldSpaceUsed: 0, inFlightBytes: 0, samples: 0 };
  const take = async () => {
    const [memory, metrics] = await Promise.all([readMemory(pid), scrapeMetrics(baseUrl).catch(() => '')]);
    peaks.samples++;
    peaks.rss = Math.max(peaks.rss, memory.rssBytes);
    peaks.heapUsed = Math.max(peaks.heapUsed, metric(metrics, 'inlet_ingress_nodejs_heap_size_used_bytes'));
    peaks.oldSpaceUsed = Math.max(
      peaks.oldSpaceUsed,
      metric(metrics, 'inlet_ingress_nodejs_heap_space_size_used_bytes{space="old"}'),
    );
    peaks.inFlightBytes = Math.max(peaks.inFlightBytes, metric(metrics, 'inlet_ingress_in_flight_bytes'));
  };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await take().catch(() => undefined);
      await sleep(intervalMs);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return peaks;
    },
  };
}

/** A sample's value from Prometheus' text format; 0 when absent. */
function metric(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1).split(' ')[0]) : 0;
}
