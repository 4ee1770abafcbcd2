import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Where a service declares the metrics it adds: on this registry, named with this prefix (inlet_<service>_). */
export interface MetricsScope {
  registry: Registry;
  prefix: string;
  /** A counter named inlet_<service>_<name>, on the service's registry. */
  counter<Label extends string = never>(
    name: string,
    help: string,
    labelNames?: readonly Label[],
  ): Counter<Label>;
  /** A histogram named inlet_<service>_<name>, on the service's registry. */
  histogram<Label extends string = never>(
    name: string,
    help: string,
    options: { labelNames?: readonly Label[]; buckets: number[] },
  ): Histogram<Label>;
}

function metricsScope(registry: Registry, prefix: string): MetricsScope {
  return {
    registry,
    prefix,
    counter: (name, help, labelNames = []) =>
      new Counter({ name: `${prefix}${name}`, help, labelNames, registers: [registry] }),
    histogram: (name, help, { labelNames = [], buckets }) =>
      new Histogram({ name: `${prefix}${name}`, help, labelNames, buckets, registers: [registry] }),
  };
}

/**
 * Every consumer service's metrics: its own, the read API's request durations and the process's, on a
 * registry of its own (tests build many apps in one process). The consumer runtime registers its counters
 * on the same registry, so one /metrics shows all of them.
 */
export type ServiceMetrics<Own> = Own & {
  registry: Registry;
  requestDuration: Histogram<'route' | 'status'>;
};

export function createServiceMetrics<Own>(
  service: string,
  own: (scope: MetricsScope) => Own,
): ServiceMetrics<Own> {
  const registry = new Registry();
  const prefix = `inlet_${service}_`;
  collectDefaultMetrics({ register: registry, prefix });
  return {
    ...own(metricsScope(registry, prefix)),
    registry,
    requestDuration: new Histogram({
      name: `${prefix}http_request_duration_seconds`,
      help: 'Read API time from request to answer, by route and HTTP status',
      labelNames: ['route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
