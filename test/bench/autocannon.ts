import { createRequire } from 'node:module';

/**
 * The part of autocannon 8's programmatic API the benchmark uses, typed from its README ("API", "Results",
 * "Client API"). @types/autocannon is not installed, so the CommonJS module is loaded with require() and
 * given these types; nothing else in the bench touches autocannon directly.
 */

export interface LoadRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** One connection; `setupClient` receives it before it connects. */
export interface LoadClient {
  setRequests(requests: LoadRequest[]): void;
}

export interface AutocannonOptions {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Seconds before a request counts as a timeout (an error). */
  timeout: number;
  requests: LoadRequest[];
  setupClient?: (client: LoadClient) => void;
}

/** hdr-histogram-percentiles-obj: latency in ms; requests counted per 1 s sample (autocannon's default). */
export interface Histogram {
  average: number;
  mean: number;
  stddev: number;
  min: number;
  max: number;
  total: number;
  p50: number;
  p90: number;
  p99: number;
}

export interface AutocannonResult {
  /** Seconds the run took. */
  duration: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
  latency: Histogram;
  requests: Histogram & { sent: number };
}

interface AutocannonInstance {
  stop(): void;
}

type Autocannon = (
  options: AutocannonOptions,
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Runs one load and resolves with autocannon's results. */
export function fire(options: AutocannonOptions): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}
