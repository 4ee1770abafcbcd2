import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { containerPorts, loadCompose } from './support/compose.js';
import { readRepoFile } from './support/repo.js';
import { serviceFolders } from './support/services.js';

interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  static_configs?: { targets: string[] }[];
}

const prometheus = parse(readRepoFile('deploy/prometheus/prometheus.yml')) as {
  scrape_configs: ScrapeConfig[];
};
const compose = loadCompose();
const targetsOf = (job: ScrapeConfig) => (job.static_configs ?? []).flatMap((config) => config.targets);

describe('deploy/prometheus/prometheus.yml', () => {
  it('parses, with scrape jobs', () => {
    expect(prometheus.scrape_configs.length).toBeGreaterThan(0);
  });

  it.each(serviceFolders().map((service) => [service.name, service.port] as const))(
    'scrapes %s at /metrics on its port',
    (name, port) => {
      expect(containerPorts(compose.services[name] ?? {})).toContain(port);
      const jobs = prometheus.scrape_configs.filter((job) => targetsOf(job).includes(`${name}:${port}`));
      expect(jobs.map((job) => job.job_name)).toEqual([name]);
      expect(jobs[0]!.metrics_path ?? '/metrics').toBe('/metrics');
    },
  );

  it("scrapes the collector's own metrics on the port its config exposes them", () => {
    const collector = parse(readRepoFile('deploy/otel-collector/config.yaml')) as {
      service: {
        telemetry: { metrics: { readers: { pull: { exporter: { prometheus: { port: number } } } }[] } };
      };
    };
    const port = collector.service.telemetry.metrics.readers[0]!.pull.exporter.prometheus.port;
    expect(prometheus.scrape_configs.flatMap(targetsOf)).toContain(`otel-collector:${port}`);
  });

  it('scrapes only hosts that are compose services', () => {
    for (const target of prometheus.scrape_configs.flatMap(targetsOf)) {
      const host = target.split(':')[0]!;
      if (host === 'localhost') continue;
      expect(Object.keys(compose.services), `${target}`).toContain(host);
    }
  });
});
