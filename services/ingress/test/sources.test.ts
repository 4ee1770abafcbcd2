import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourcesConfigError } from '@inlet/webhook-contract';
import { loadSources, parseSources } from '../src/sources/load-sources.js';

const hmacSource = (overrides: Record<string, unknown> = {}) => ({
  id: 'canvas-prod',
  family: 'lti',
  auth: { scheme: 'hmac', secrets: [{ env: 'CANVAS_SECRET' }] },
  ...overrides,
});

const parse = (sources: unknown[], env: Record<string, string> = { CANVAS_SECRET: 's3cret' }) =>
  parseSources({ sources }, 'sources.yaml', { env });

// What the file may say (fields, schemes per family, addresses) is tested with the model in
// packages/webhook-contract; here, what the ingress makes of a valid file.
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

  it('gives signed-timestamp schemes the default replay window, and a JWKS-only jwt source no secrets', () => {
    const document = {
      sources: [
        { id: 'pay', family: 'commerce', auth: { scheme: 'stripe', secrets: [{ env: 'S' }] } },
        {
          id: 'prog',
          family: 'commerce',
          auth: { scheme: 'standard-webhooks', secrets: [{ env: 'S' }], toleranceSeconds: 60 },
        },
        {
          id: 'platform',
          family: 'internal',
          auth: {
            scheme: 'jwt',
            issuer: 'i',
            audience: 'a',
            algorithms: ['RS256'],
            jwksUrl: 'https://p/jwks',
          },
        },
      ],
    };
    const [stripe, progress, platform] = parseSources(document, 'sources.yaml', {
      env: { S: 'whsec_s' },
      defaultToleranceSeconds: 120,
    });
    expect(stripe?.auth).toEqual({ scheme: 'stripe', secrets: ['whsec_s'], toleranceSeconds: 120 });
    expect(progress?.auth).toMatchObject({ toleranceSeconds: 60 });
    expect(platform?.auth).not.toHaveProperty('secrets');
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
    expect(() => parse([hmacSource()], {})).toThrow(SourcesConfigError);
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
