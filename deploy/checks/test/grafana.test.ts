import { describe, expect, it } from 'vitest';
import { bindMounts, environmentOf, loadCompose } from './support/compose.js';
import { createEmittedMetricIndex } from './support/emitted-metrics.js';
import {
  allPanels,
  dashboardFiles,
  dashboardProviders,
  dashboardsFolder,
  loadDashboard,
  provisionedDataSources,
  variableQuery,
} from './support/grafana.js';
import { metricNames, variableMetricNames } from './support/promql.js';
import { serviceFolders } from './support/services.js';

/**
 * Metrics the dashboards use that the code does not emit YET (being added elsewhere). Keep this list tiny and
 * name the panels that wait on each in deploy/README.md. A test below fails once the code emits a listed name,
 * so the list only ever shrinks. Empty today: inlet_consumer_lag, inlet_consumer_dlq_depth and
 * inlet_consumer_end_to_end_seconds, listed while the dashboards were written, are emitted by the consumer runtime.
 */
const beingAdded: string[] = [];

const dashboards = dashboardFiles().map((file) => ({ file, dashboard: loadDashboard(file) }));
const dataSources = provisionedDataSources();
const compose = loadCompose();
const emitted = createEmittedMetricIndex();

/** Every PromQL metric name of a dashboard, with where it is used. */
function queriedMetrics(): { metric: string; where: string }[] {
  return dashboards.flatMap(({ file, dashboard }) => [
    ...allPanels(dashboard).flatMap((panel) =>
      (panel.targets ?? []).flatMap((target) =>
        metricNames(target.expr ?? '').map((metric) => ({ metric, where: `${file}: "${panel.title}"` })),
      ),
    ),
    ...(dashboard.templating?.list ?? [])
      .filter((variable) => variable.type === 'query')
      .flatMap((variable) =>
        variableMetricNames(variableQuery(variable)).map((metric) => ({
          metric,
          where: `${file}: variable $${variable.name}`,
        })),
      ),
  ]);
}

const histogramBase = (metric: string) => metric.replace(/_(bucket|sum|count)$/, '');

describe('Grafana', () => {
  it('has the three Inlet dashboards, each parsing with a unique uid and title', () => {
    expect(dashboards.map(({ dashboard }) => dashboard.title).sort()).toEqual([
      'Inlet — consumers',
      'Inlet — end to end',
      'Inlet — ingress',
    ]);
    const uids = dashboards.map(({ dashboard }) => dashboard.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const { file, dashboard } of dashboards) {
      expect(dashboard.uid, file).toMatch(/^[\w-]{1,40}$/);
      expect(dashboard.schemaVersion, file).toBeGreaterThanOrEqual(36);
    }
  });

  it('gives every panel a unique id, and every panel, query and variable a provisioned data source uid', () => {
    const uids = new Set(dataSources.map((ds) => ds.uid));
    for (const { file, dashboard } of dashboards) {
      const panels = allPanels(dashboard);
      const ids = panels.map((panel) => panel.id);
      expect(new Set(ids).size, `${file}: duplicate panel ids`).toBe(ids.length);
      for (const panel of panels.filter((p) => p.type !== 'row')) {
        expect(uids, `${file}: "${panel.title}"`).toContain(panel.datasource?.uid);
        for (const target of panel.targets ?? []) {
          expect(uids, `${file}: "${panel.title}" ${target.refId}`).toContain(
            target.datasource?.uid ?? panel.datasource?.uid,
          );
        }
      }
      for (const variable of (dashboard.templating?.list ?? []).filter((v) => v.type === 'query')) {
        expect(uids, `${file}: $${variable.name}`).toContain(variable.datasource?.uid);
      }
    }
  });

  it('queries only metrics the code emits today, or ones listed as being added', () => {
    const unknown = queriedMetrics().filter(
      ({ metric }) => !emitted.isEmitted(metric) && !beingAdded.includes(histogramBase(metric)),
    );
    expect(emitted.sourceFiles).toBeGreaterThan(0);
    expect(unknown).toEqual([]);
  });

  it('lists as being added only metrics a dashboard uses and the code does not emit yet', () => {
    const used = new Set(queriedMetrics().map(({ metric }) => histogramBase(metric)));
    for (const metric of beingAdded) {
      expect(used, `${metric} is in the being-added list but no dashboard uses it`).toContain(metric);
      expect(
        emitted.isEmitted(metric),
        `${metric} is emitted now: remove it from the being-added list (and from deploy/README.md)`,
      ).toBe(false);
    }
  });

  it('provisions Prometheus and Tempo from compose services, and loads the dashboards folder compose mounts', () => {
    expect(dataSources.map((ds) => ds.type).sort()).toEqual(['prometheus', 'tempo']);
    for (const ds of dataSources) {
      expect(Object.keys(compose.services), `${ds.name} ${ds.url}`).toContain(new URL(ds.url).hostname);
    }
    const mount = bindMounts(compose.services.grafana!).find((m) => m.source === dashboardsFolder);
    expect(mount, `compose does not mount ${dashboardsFolder} into grafana`).toBeDefined();
    expect(dashboardProviders().map((provider) => provider.options.path)).toEqual([mount!.target]);
    expect(bindMounts(compose.services.grafana!).map((m) => m.source)).toContain(
      'deploy/grafana/provisioning',
    );
  });

  it("offers every service's OTEL_SERVICE_NAME in the end-to-end dashboard's trace search", () => {
    const endToEnd = dashboards.find(({ dashboard }) => dashboard.uid === 'inlet-end-to-end')!.dashboard;
    const variable = endToEnd.templating!.list.find((v) => v.name === 'service_name')!;
    const offered = variableQuery(variable).split(',').sort();
    const names = serviceFolders().map(
      (s) => environmentOf(compose.services[s.name] ?? {}).OTEL_SERVICE_NAME,
    );
    expect(offered).toEqual(names.sort());
    const tracePanels = allPanels(endToEnd).filter((panel) => panel.datasource?.uid === 'tempo');
    expect(tracePanels.flatMap((panel) => panel.targets ?? []).map((t) => t.query)).toContain(
      '{resource.service.name="$service_name"}',
    );
  });
});
