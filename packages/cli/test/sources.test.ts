import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliFailure, UsageError } from '../src/errors.js';
import { localStackSourcesFile } from '../src/local-stack.js';
import { loadSource, resolveSecret } from '../src/sources.js';

const dir = mkdtempSync(join(tmpdir(), 'inlet-cli-sources-'));
function sourcesFile(name: string, yaml: string): string {
  const file = join(dir, name);
  writeFileSync(file, yaml);
  return file;
}

const rotating = sourcesFile(
  'rotating.yaml',
  `sources:
  - id: lms
    family: lti
    auth: { scheme: hmac, secrets: [{ env: LMS_SECRET }, { file: ${join(dir, 'previous')}, optional: true }] }
`,
);

describe('the sources file as the CLI reads it', () => {
  it('refuses what the ingress would refuse, naming the file and the field', () => {
    const file = sourcesFile(
      'wrong-scheme.yaml',
      'sources:\n  - id: lms\n    family: lti\n    auth: { scheme: stripe, secrets: [{ env: S }] }\n',
    );
    expect(() => loadSource(file, 'lms', '--sources')).toThrow(CliFailure);
    expect(() => loadSource(file, 'lms', '--sources')).toThrow(
      `${file}: sources[0].auth.scheme "stripe" is not accepted on the lti route`,
    );
    expect(() => loadSource(join(dir, 'none.yaml'), 'lms', '--sources')).toThrow(
      `sources file ${join(dir, 'none.yaml')} (--sources) does not exist`,
    );
  });

  it('names the sources there when the one asked for is not', () => {
    expect(() => loadSource(rotating, 'nobody', '--sources')).toThrow(UsageError);
    expect(() => loadSource(rotating, 'nobody', '--sources')).toThrow('(sources there: lms)');
  });

  it('defaults to the local stack’s senders', () => {
    expect(loadSource(localStackSourcesFile(), 'local-lti', "the local stack's")).toMatchObject({
      family: 'lti',
      auth: { scheme: 'hmac' },
    });
  });
});

describe('resolveSecret', () => {
  const source = loadSource(rotating, 'lms', '--sources');

  it('takes the first secret that is set, in the file’s order', () => {
    writeFileSync(join(dir, 'previous'), 'previous-secret\n');
    expect(resolveSecret(source, { LMS_SECRET: 'current' }, undefined)).toEqual({ value: 'current' });
    expect(resolveSecret(source, {}, undefined)).toEqual({ value: 'previous-secret' });
  });

  it('falls back to a development value, saying which variable it stood in for', () => {
    expect(resolveSecret(source, {}, { LMS_SECRET: 'dev' })).toEqual({
      value: 'dev',
      developmentVariable: 'LMS_SECRET',
    });
  });

  it('says where it looked when nothing is set', () => {
    writeFileSync(join(dir, 'previous'), '');
    expect(() => resolveSecret(source, {}, undefined)).toThrow(
      `no secret for source lms: set environment variable LMS_SECRET or file ${join(dir, 'previous')}`,
    );
  });
});
