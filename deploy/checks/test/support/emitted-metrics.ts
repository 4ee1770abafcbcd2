import { readFileSync } from 'node:fs';
import { filesUnder, repoPath } from './repo.js';

/**
 * Whether the code emits a Prometheus metric today, found by reading the sources (never by importing them):
 * the metric's name appears as a string literal in services/<x>/src or packages/<x>/src, or it is one of
 * prom-client's default metrics registered under a prefix there (`collectDefaultMetrics({ prefix })`).
 * Histogram series (`_bucket`, `_sum`, `_count`) count as their histogram.
 */
export function createEmittedMetricIndex(): { isEmitted(name: string): boolean; sourceFiles: number } {
  const sourceFiles = [...filesUnder('services', isSource), ...filesUnder('packages', isSource)].filter(
    (file) => file.split('/')[2] === 'src',
  );
  const code = sourceFiles.map((file) => readFileSync(repoPath(file), 'utf8')).join('\n');
  const prefixes = [...code.matchAll(/collectDefaultMetrics\(\s*\{[^}]*\bprefix:\s*['"]([\w:]+)['"]/g)].map(
    (match) => match[1]!,
  );
  const promClient = filesUnder('node_modules/prom-client/lib/metrics', (name) => name.endsWith('.js'))
    .map((file) => readFileSync(repoPath(file), 'utf8'))
    .join('\n');
  const literal = (text: string, name: string) =>
    text.includes(`'${name}'`) || text.includes(`"${name}"`) || text.includes(`\`${name}\``);

  const isEmitted = (name: string): boolean =>
    [name, name.replace(/_(bucket|sum|count)$/, '')].some(
      (candidate) =>
        literal(code, candidate) ||
        prefixes.some(
          (prefix) => candidate.startsWith(prefix) && literal(promClient, candidate.slice(prefix.length)),
        ),
    );
  return { isEmitted, sourceFiles: sourceFiles.length };
}

function isSource(name: string): boolean {
  return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts');
}
