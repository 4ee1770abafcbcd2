import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bindMounts, commandOf, environmentOf, loadCompose } from './support/compose.js';
import { provisionedDataSources } from './support/grafana.js';
import { readRepoFile } from './support/repo.js';
import { serviceFolders } from './support/services.js';

interface CollectorConfig {
  receivers: { otlp: { protocols: { grpc: { endpoint: string }; http: { endpoint: string } } } };
  exporters: Record<string, { endpoint?: string }>;
  service: { pipelines: Record<string, { receivers: string[]; exporters: string[] }> };
}

interface TempoConfig {
  server: { http_listen_port: number };
  distributor: { receivers: { otlp: { protocols: { grpc: { endpoint: string } } } } };
}

const collector = parse(readRepoFile('deploy/otel-collector/config.yaml')) as CollectorConfig;
const tempo = parse(readRepoFile('deploy/tempo/tempo.yaml')) as TempoConfig;
const compose = loadCompose();
const portOf = (endpoint: string) => Number(endpoint.split(':').at(-1));

describe('the trace path: services -> collector -> Tempo -> Grafana', () => {
  it('the collector receives OTLP/HTTP on the port every service exports to', () => {
    const httpPort = portOf(collector.receivers.otlp.protocols.http.endpoint);
    for (const { name } of serviceFolders()) {
      const endpoint = environmentOf(compose.services[name] ?? {}).OTEL_EXPORTER_OTLP_ENDPOINT ?? '';
      expect(new URL(endpoint).port, `${name}`).toBe(String(httpPort));
    }
  });

  it("the collector's traces pipeline sends what it receives to Tempo's OTLP gRPC receiver", () => {
    const traces = collector.service.pipelines.traces!;
    expect(traces.receivers).toContain('otlp');
    const tempoExporters = traces.exporters.filter((name) =>
      collector.exporters[name]?.endpoint?.startsWith('tempo:'),
    );
    expect(tempoExporters).toHaveLength(1);
    expect(portOf(collector.exporters[tempoExporters[0]!]!.endpoint!)).toBe(
      portOf(tempo.distributor.receivers.otlp.protocols.grpc.endpoint),
    );
  });

  it("Grafana's Tempo data source is Tempo's HTTP port, and compose mounts each config where the image reads it", () => {
    const source = provisionedDataSources().find((ds) => ds.type === 'tempo')!;
    expect(new URL(source.url).hostname).toBe('tempo');
    expect(new URL(source.url).port).toBe(String(tempo.server.http_listen_port));
    const target = (service: string, source: string) =>
      bindMounts(compose.services[service]!).find((mount) => mount.source === source)?.target;
    expect(commandOf(compose.services['otel-collector']!)).toContain(
      `--config=${target('otel-collector', 'deploy/otel-collector/config.yaml')}`,
    );
    expect(commandOf(compose.services.tempo!)).toContain(
      `-config.file=${target('tempo', 'deploy/tempo/tempo.yaml')}`,
    );
    // The prom/prometheus image reads this path by default.
    expect(target('prometheus', 'deploy/prometheus/prometheus.yml')).toBe('/etc/prometheus/prometheus.yml');
  });
});
