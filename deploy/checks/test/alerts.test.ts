import { serviceNames, serviceTopics, type ServiceName } from '@inlet/topics';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  alertsOf,
  equalityMatchers,
  hasRuleFile,
  headingAnchor,
  loadPrometheusRule,
  loadUnitTests,
  recordsOf,
  rulesOf,
  runPromtool,
  selectorsOf,
  subheadingsOf,
  withRuleFolder,
  type PrometheusRule,
} from './support/alert-rules.js';
import { createEmittedMetricIndex } from './support/emitted-metrics.js';
import { dashboardFiles, loadDashboard } from './support/grafana.js';
import { ensurePromtool } from './support/promtool.js';
import { metricNames } from './support/promql.js';
import { serviceFolders } from './support/services.js';

/**
 * The PrometheusRule of every service (deploy/k8s/<service>/base/prometheus-rule.yaml): shaped for
 * kube-prometheus-stack, true to the metrics the code emits, linked to its runbooks in deploy/README.md,
 * shown on the dashboards, and proven by promtool's unit tests (deploy/prometheus/tests/<service>.test.yaml)
 * to fire when it should and only then. promtool comes from Debian's prometheus package when it is missing.
 */

const services = serviceFolders().map((service) => service.name);
const consumers = [...serviceNames];
const isConsumer = (service: string): service is ServiceName =>
  (serviceNames as readonly string[]).includes(service);
const rules = new Map<string, PrometheusRule>(
  services.filter(hasRuleFile).map((service) => [service, loadPrometheusRule(service)]),
);
const ruleOf = (service: string) => rules.get(service)!;
const emitted = createEmittedMetricIndex();
const runbookSection = 'Alerts and runbooks';
const runbooks = subheadingsOf('deploy/README.md', runbookSection);

/** Series Prometheus makes itself: the scrape's `up`. */
const prometheusSeries = new Set(['up']);

/** What each consumer's rules must watch, and the ingress's (issue: alerts an SRE can use). */
const requiredAlerts = {
  ingress: [
    'InletIngressDown',
    'InletIngressServerErrors',
    'InletIngressServiceUnavailable',
    'InletIngressProduceFailures',
    'InletIngressUnmappedWebhooks',
    'InletIngressAuthFailureFlood',
  ],
  consumer: [
    'InletConsumerDown',
    'InletConsumerMetricsAbsent',
    'InletConsumerNotInGroup',
    'InletConsumerStalled',
    'InletConsumerLagHighAndGrowing',
    'InletConsumerDeadLetters',
    'InletEndToEndLatencyBudgetFastBurn',
    'InletEndToEndLatencyBudgetSlowBurn',
    'InletConsumerProcessedEventsCleanupStalled',
  ],
};

let promtool: string;

beforeAll(() => {
  promtool = ensurePromtool((line) => console.log(line));
}, 600_000);

describe('PrometheusRules', () => {
  it('exist for every service: one PrometheusRule in namespace inlet that kube-prometheus-stack selects', () => {
    expect(services.filter((service) => !hasRuleFile(service))).toEqual([]);
    for (const service of services) {
      const rule = ruleOf(service);
      expect(rule.apiVersion, service).toBe('monitoring.coreos.com/v1');
      expect(rule.kind, service).toBe('PrometheusRule');
      expect(rule.metadata.name, service).toBe(service);
      expect(rule.metadata.namespace, service).toBe('inlet');
      expect(rule.metadata.labels?.release, service).toBe('kube-prometheus-stack');
    }
  });

  it('watch what an SRE needs: the ingress, and every consumer', () => {
    expect(alertsOf(ruleOf('ingress')).map((a) => a.alert)).toEqual(requiredAlerts.ingress);
    for (const service of consumers) {
      expect(
        alertsOf(ruleOf(service)).map((a) => a.alert),
        service,
      ).toEqual(requiredAlerts.consumer);
    }
  });

  it('give every alert a severity, its service, a for:, a summary, a description and a runbook_url', () => {
    for (const service of services) {
      for (const alert of alertsOf(ruleOf(service))) {
        const where = `${service}: ${alert.alert}`;
        expect(['critical', 'warning'], where).toContain(alert.labels?.severity);
        expect(alert.labels?.service, where).toBe(service);
        expect(alert.for, where).toMatch(/^\d+[smh]$/);
        expect(alert.annotations?.summary, where).toBeTruthy();
        expect(alert.annotations?.description, where).toBeTruthy();
        expect(alert.annotations?.runbook_url, where).toMatch(/^https:\/\/\S+#\S+$/);
      }
    }
  });

  it(`link every alert to its own section of deploy/README.md ("${runbookSection}"), all under one base URL`, () => {
    const anchors = runbooks.map(headingAnchor);
    const alertNames = new Set(services.flatMap((service) => alertsOf(ruleOf(service)).map((a) => a.alert)));
    const bases = new Set<string>();
    for (const service of services) {
      for (const alert of alertsOf(ruleOf(service))) {
        const [base, anchor] = alert.annotations!.runbook_url!.split('#');
        bases.add(base!);
        expect(base, `${service}: ${alert.alert}`).toMatch(/\/deploy\/README\.md$/);
        expect(anchor, `${service}: ${alert.alert}`).toBe(headingAnchor(alert.alert));
        expect(anchors, `${service}: ${alert.alert} has no runbook heading`).toContain(anchor);
      }
    }
    expect(bases.size, 'every runbook_url shares one base URL').toBe(1);
    // No runbook for an alert that no longer exists.
    expect(runbooks.filter((heading) => !alertNames.has(heading))).toEqual([]);
  });

  it('read only metrics the code emits, each selected by job so one service never reads another', () => {
    for (const service of services) {
      const rule = ruleOf(service);
      const records = new Set(recordsOf(rule));
      for (const { alert, record, expr } of rulesOf(rule)) {
        const where = `${service}: ${alert ?? record}`;
        for (const metric of metricNames(expr)) {
          if (!records.has(metric) && !prometheusSeries.has(metric)) {
            expect(emitted.isEmitted(metric), `${where} reads ${metric}, which no code emits`).toBe(true);
          }
          for (const selector of selectorsOf(expr, metric)) {
            expect(selector, `${where}: ${metric} without a job matcher`).toMatch(/\bjob\s*=/);
          }
        }
        // A consumer may read the ingress's produces to its own topic; nothing else of another job.
        const allowedJobs = isConsumer(service) ? [service, 'ingress'] : [service];
        for (const job of equalityMatchers(expr, 'job')) expect(allowedJobs, where).toContain(job);
      }
    }
  });

  it("select each consumer's own main topic", () => {
    for (const service of consumers) {
      for (const { alert, record, expr } of rulesOf(ruleOf(service))) {
        for (const topic of equalityMatchers(expr, 'topic')) {
          expect(topic, `${service}: ${alert ?? record}`).toBe(serviceTopics(service).main);
        }
      }
    }
  });

  it('are the same rules for every consumer, with its own name and topic (edit one, copy to the others)', () => {
    /** Each part of the file as text, with the service's name and main topic replaced by placeholders. */
    const parts = (service: ServiceName) => {
      const neutral = (value: unknown) =>
        JSON.stringify(value)
          .replaceAll(serviceTopics(service).main, '<main-topic>')
          .replaceAll(service, '<service>');
      const rule = ruleOf(service);
      return new Map<string, string>([
        ['metadata', neutral(rule.metadata)],
        ['groups', neutral(rule.spec.groups.map((group) => ({ ...group, rules: group.rules.length })))],
        ...rulesOf(rule).map((r, index): [string, string] => [
          `${index}: ${r.alert ?? r.record}`,
          neutral(r),
        ]),
      ]);
    };
    const [first, ...others] = consumers;
    const reference = parts(first!);
    for (const service of others) {
      const own = parts(service);
      const differing = [...new Set([...reference.keys(), ...own.keys()])].filter(
        (key) => reference.get(key) !== own.get(key),
      );
      expect(differing, `${service}: the parts that differ from ${first}'s rules`).toEqual([]);
    }
  });
});

// promtool runs each unit test file's hours of series in a few seconds, more on a loaded machine.
const promtoolTimeout = 120_000;

describe.each(services)('promtool on the %s rules', (service) => {
  it('check rules: the rule file Prometheus would load is valid', { timeout: promtoolTimeout }, () => {
    const result = withRuleFolder(service, (folder, ruleFile) =>
      runPromtool(promtool, ['check', 'rules', ruleFile], folder),
    );
    expect(result.ok, result.output).toBe(true);
  });

  it(
    'test rules: every alert fires on its cause and stays quiet otherwise',
    { timeout: promtoolTimeout },
    () => {
      const unitTests = loadUnitTests(service);
      expect(unitTests.rule_files).toEqual([`${service}.rules.yaml`]);
      const cases = unitTests.tests.flatMap((test) => test.alert_rule_test ?? []);
      for (const { alert } of alertsOf(ruleOf(service))) {
        const own = cases.filter((c) => c.alertname === alert);
        expect(
          own.some((c) => (c.exp_alerts ?? []).length > 0),
          `${service}: no unit test makes ${alert} fire`,
        ).toBe(true);
        expect(
          own.some((c) => (c.exp_alerts ?? []).length === 0),
          `${service}: no unit test shows ${alert} quiet`,
        ).toBe(true);
      }
      const result = withRuleFolder(service, (folder) =>
        runPromtool(promtool, ['test', 'rules', `${service}.test.yaml`], folder),
      );
      expect(result.ok, result.output).toBe(true);
    },
  );
});

describe('Grafana alert annotations', () => {
  /** `alertname=~"..."` of every dashboard annotation that reads Prometheus's ALERTS series. */
  const annotationPatterns = dashboardFiles().flatMap((file) => {
    const dashboard = loadDashboard(file) as unknown as {
      annotations?: { list?: { expr?: string; datasource?: { uid?: string } }[] };
    };
    return (dashboard.annotations?.list ?? [])
      .filter((annotation) => /\bALERTS\{/.test(annotation.expr ?? ''))
      .map((annotation) => ({ file, datasource: annotation.datasource?.uid, expr: annotation.expr! }));
  });

  it('show every alert of the rules on a dashboard, through the Prometheus data source', () => {
    expect(annotationPatterns.length).toBeGreaterThan(0);
    for (const { file, datasource, expr } of annotationPatterns) {
      expect(datasource, file).toBe('prometheus');
      expect(expr, file).toMatch(/alertstate="firing"/);
    }
    const patterns = annotationPatterns.flatMap(({ expr }) =>
      [...expr.matchAll(/alertname=~"([^"]+)"/g)].map((match) => new RegExp(`^(?:${match[1]})$`)),
    );
    const alertNames = new Set(services.flatMap((service) => alertsOf(ruleOf(service)).map((a) => a.alert)));
    const unshown = [...alertNames].filter((name) => !patterns.some((pattern) => pattern.test(name)));
    expect(unshown).toEqual([]);
  });
});
