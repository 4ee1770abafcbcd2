import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSources, parseSources, SourcesConfigError } from '../src/sources/load-sources.js';

const hmacSource = (overrides: Record<string, unknown> = {}) => ({
  id: 'canvas-prod',
  family: 'lti',
  auth: { scheme: 'hmac', secrets: [{ env: 'CANVAS_SECRET' }] },
  ...overrides,
});

const parse = (sources: unknown[], env: Record<string, string> = { CANVAS_SECRET: 's3cret' }) =>
  parseSources({ sources }, 'sources.yaml', { env });

describe('the sources file', () => {
  it('resolves secrets from env variables and files, and applies the family rate limit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inlet-sources-'));
    await writeFile(join(dir, 'token'), 'moodle-token\n');
    const [canvas, moodle] = parse([
      hmacSource(),
      {
        id: 'moodle',
        family: 'lti',
        auth: { scheme: 'moodle-token', secrets: [{ file: join(dir, 'token') }] },
      },
    ]);
    expect(canvas).toMatchObject({
      auth: { scheme: 'hmac', secrets: ['s3cret'] },
      rateLimit: { max: 100, windowSeconds: 60 },
    });
    expect(moodle?.auth).toMatchObject({ secrets: ['moodle-token'] });
  });

  it('reads YAML from disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inlet-sources-'));
    const file = join(dir, 'sources.yaml');
    await writeFile(
      file,
      'sources:\n  - id: svc\n    family: services\n    auth: { scheme: api-key, secrets: [{ env: K }] }\n    rateLimit: { max: 5 }\n',
    );
    const [source] = loadSources(file, { env: { K: 'key' } });
    expect(source).toMatchObject({ id: 'svc', rateLimit: { max: 5, windowSeconds: 60 } });
  });

  it('skips an optional secret that is unset (rotation finished) but not a required one', () => {
    const [source] = parse([
      hmacSource({
        auth: { scheme: 'hmac', secrets: [{ env: 'CANVAS_SECRET' }, { env: 'OLD', optional: true }] },
      }),
    ]);
    expect(source?.auth).toMatchObject({ secrets: ['s3cret'] });
    expect(() => parse([hmacSource()], {})).toThrow(
      /sources\[0\]\.auth\.secrets\[0\]\.env: environment variable CANVAS_SECRET is not set/,
    );
  });

  it.each([
    [[hmacSource({ family: 'payments' })], /sources\[0\]\.family must be equal to one of the allowed values/],
    [[hmacSource({ colour: 'blue' })], /sources\[0\]: unknown field "colour"/],
    [[hmacSource({ id: 'Has Spaces' })], /sources\[0\]\.id must match pattern/],
    [[hmacSource({ auth: { scheme: 'hmac' } })], /sources\[0\]\.auth: missing field "secrets"/],
    [
      [hmacSource({ auth: { scheme: 'stripe', secrets: [{ env: 'CANVAS_SECRET' }] } })],
      /"stripe" is not accepted on the lti route/,
    ],
    [
      [hmacSource({ allowIps: ['10.0.0.0/33'] })],
      /sources\[0\]\.allowIps\[0\] "10.0.0.0\/33" is not an IP or CIDR/,
    ],
    [[hmacSource(), hmacSource()], /sources\[1\]\.id "canvas-prod" is used twice/],
    [
      [
        {
          id: 'p',
          family: 'internal',
          auth: { scheme: 'jwt', issuer: 'i', audience: 'a', algorithms: ['none'] },
        },
      ],
      /sources\[0\]\.auth\.algorithms\[0\] must be equal to one of the allowed values/,
    ],
  ])('fails at start-up naming the bad field (%#)', (sources, message) => {
    expect(() => parse(sources)).toThrow(SourcesConfigError);
    expect(() => parse(sources)).toThrow(message);
  });

  it('never puts a secret value into an error', () => {
    try {
      parse([hmacSource({ allowIps: ['nope'] })]);
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cret');
    }
  });

  it('says which file is missing', () => {
    expect(() => loadSources('/nonexistent/sources.yaml')).toThrow(
      /\/nonexistent\/sources.yaml \(INLET_SOURCES_FILE\) does not exist/,
    );
  });
});
