import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { readRepoFile, repoFileExists, repoPath } from './repo.js';

/** A rule of a PrometheusRule's spec (the same shape as a Prometheus rule file's rule). */
export interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface PrometheusRule {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec: { groups: { name: string; interval?: string; rules: Rule[] }[] };
}

/** An `alert_rule_test` case of a promtool unit test file. */
export interface AlertCase {
  eval_time: string;
  alertname: string;
  exp_alerts?: { exp_labels?: Record<string, string>; exp_annotations?: Record<string, string> }[];
}

export interface PromtoolTestFile {
  rule_files: string[];
  tests: { name: string; alert_rule_test?: AlertCase[] }[];
}

export const ruleFileOf = (service: string) => `deploy/k8s/${service}/base/prometheus-rule.yaml`;
export const unitTestFileOf = (service: string) => `deploy/prometheus/tests/${service}.test.yaml`;

export function hasRuleFile(service: string): boolean {
  return repoFileExists(ruleFileOf(service));
}

export function loadPrometheusRule(service: string): PrometheusRule {
  return parse(readRepoFile(ruleFileOf(service))) as PrometheusRule;
}

export function loadUnitTests(service: string): PromtoolTestFile {
  return parse(readRepoFile(unitTestFileOf(service))) as PromtoolTestFile;
}

export function rulesOf(rule: PrometheusRule): Rule[] {
  return rule.spec.groups.flatMap((group) => group.rules);
}

export function alertsOf(rule: PrometheusRule): (Rule & { alert: string })[] {
  return rulesOf(rule).filter((r): r is Rule & { alert: string } => r.alert !== undefined);
}

export function recordsOf(rule: PrometheusRule): string[] {
  return rulesOf(rule).flatMap((r) => (r.record ? [r.record] : []));
}

/** Every `label="value"` equality matcher of an expression, e.g. all the `job`s it selects. */
export function equalityMatchers(expr: string, label: string): string[] {
  return [...expr.matchAll(new RegExp(`\\b${label}\\s*=\\s*"([^"]*)"`, 'g'))].map((match) => match[1]!);
}

/** Each place `metric` is selected in `expr`, with its `{...}` matchers ('' when it has none). */
export function selectorsOf(expr: string, metric: string): string[] {
  const escaped = metric.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...expr.matchAll(new RegExp(`(?<![\\w:])${escaped}(?![\\w:])(\\{[^}]*\\})?`, 'g'))].map(
    (match) => match[1] ?? '',
  );
}

/** The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces to dashes. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The `###` headings of one `##` section of a Markdown file (the section runs to the next `##`). */
export function subheadingsOf(markdownFile: string, section: string): string[] {
  const lines = readRepoFile(markdownFile).split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${section}`);
  if (start < 0) return [];
  const end = lines.findIndex((line, index) => index > start && /^## /.test(line));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .filter((line) => line.startsWith('### '))
    .map((line) => line.slice(4).trim());
}

export interface PromtoolResult {
  ok: boolean;
  output: string;
}

/**
 * Writes the PrometheusRule's spec as a rule file `<service>.rules.yaml` (what the Prometheus Operator hands
 * Prometheus) next to a copy of the service's unit tests in a temporary folder, and runs promtool there on it.
 */
export function withRuleFolder<T>(service: string, use: (folder: string, ruleFile: string) => T): T {
  const folder = mkdtempSync(join(tmpdir(), `inlet-alerts-${service}-`));
  try {
    const ruleFile = `${service}.rules.yaml`;
    writeFileSync(join(folder, ruleFile), stringify(loadPrometheusRule(service).spec, { lineWidth: 0 }));
    copyFileSync(repoPath(unitTestFileOf(service)), join(folder, `${service}.test.yaml`));
    return use(folder, ruleFile);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export function runPromtool(promtool: string, args: string[], cwd: string): PromtoolResult {
  const result = spawnSync(promtool, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  const output = [`$ promtool ${args.join(' ')}`, result.stdout, result.stderr, result.error?.message]
    .filter(Boolean)
    .join('\n');
  return { ok: result.status === 0, output };
}
