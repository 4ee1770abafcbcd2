import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSourcesFile, readSourcesFile, SourcesConfigError } from '../src/index.js';

const hmacSource = (overrides: Record<string, unknown> = {}) => ({
  id: 'canvas-prod',
  family: 'lti',
  auth: { scheme: 'hmac', secrets: [{ env: 'CANVAS_SECRET' }] },
  ...overrides,
});

const parse = (sources: unknown[]) => parseSourcesFile({ sources }, 'sources.yaml');

async function tempFile(name: string, text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'inlet-contract-')), name);
  await writeFile(file, text);
  return file;
}

describe('the sources file model', () => {
  it('keeps a valid entry as written: secrets stay references', () => {
    const [source] = parse([hmacSource({ allowIps: ['10.0.0.0/8', '::1'], rateLimit: { max: 5 } })]);
    expect(source).toEqual({
      id: 'canvas-prod',
      family: 'lti',
      auth: { scheme: 'hmac', secrets: [{ env: 'CANVAS_SECRET' }] },
      allowIps: ['10.0.0.0/8', '::1'],
      rateLimit: { max: 5 },
    });
  });

  it('takes every scheme on a family that allows it', () => {
    const sources = parse([
      { id: 'canvas', family: 'lti', auth: { scheme: 'canvas-jwt', jwksUrl: 'https://canvas.example/jwks' } },
      { id: 'moodle', family: 'lti', auth: { scheme: 'moodle-token', secrets: [{ file: '/run/t' }] } },
      {
        id: 'svc',
        family: 'services',
        auth: { scheme: 'api-key', secrets: [{ env: 'K' }], header: 'X-Key' },
      },
      { id: 'pay', family: 'commerce', auth: { scheme: 'stripe', secrets: [{ env: 'S' }] } },
      { id: 'prog', family: 'commerce', auth: { scheme: 'standard-webhooks', secrets: [{ env: 'W' }] } },
      {
        id: 'platform',
        family: 'internal',
        auth: { scheme: 'jwt', issuer: 'i', audience: 'a', algorithms: ['RS256'], jwksUrl: 'https://p/jwks' },
      },
    ]);
    expect(sources.map((source) => source.auth.scheme)).toEqual([
      'canvas-jwt',
      'moodle-token',
      'api-key',
      'stripe',
      'standard-webhooks',
      'jwt',
    ]);
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
  ])('refuses a bad file naming the bad field (%#)', (sources, message) => {
    expect(() => parse(sources)).toThrow(SourcesConfigError);
    expect(() => parse(sources)).toThrow(message);
  });

  it.each([
    [[hmacSource({ auth: { scheme: 'nope' } })], /sources\[0\]\.auth\.scheme must be equal to one of/],
    [[hmacSource({ auth: { scheme: 'hmac', secrets: [{}] } })], /auth\.secrets\[0\]: missing field "env"/],
    [
      [hmacSource({ auth: { scheme: 'hmac', secrets: [{ env: 'A' }], extra: 1 } })],
      /auth: unknown field "extra"/,
    ],
    [
      [{ id: 'c', family: 'lti', auth: { scheme: 'canvas-jwt', jwksUrl: 'not a url' } }],
      /sources\[0\]\.auth\.jwksUrl must match format "uri"/,
    ],
    [
      [
        {
          id: 'p',
          family: 'internal',
          auth: { scheme: 'jwt', issuer: 'i', audience: 'a', algorithms: ['HS256'] },
        },
      ],
      /sources\[0\]\.auth needs secrets \(HS256\) or jwksUrl/,
    ],
    [[hmacSource({ rateLimit: { max: 0 } })], /sources\[0\]\.rateLimit\.max must be >= 1/],
  ])('names the field of the source’s own scheme (%#)', (sources, message) => {
    expect(() => parse(sources)).toThrow(message);
  });

  it('says what the top level lacks', () => {
    expect(() => parseSourcesFile({}, 'f.yaml')).toThrow('f.yaml: (top level): missing field "sources"');
    expect(() => parseSourcesFile(null, 'f.yaml')).toThrow('f.yaml: (top level) must be object');
  });
});

describe('readSourcesFile', () => {
  it('reads YAML and JSON from disk', async () => {
    const yaml = await tempFile(
      'sources.yaml',
      'sources:\n  - id: svc\n    family: services\n    auth: { scheme: api-key, secrets: [{ env: K }] }\n',
    );
    const json = await tempFile('sources.json', JSON.stringify({ sources: [hmacSource()] }));
    expect(readSourcesFile(yaml)).toMatchObject([{ id: 'svc', auth: { scheme: 'api-key' } }]);
    expect(readSourcesFile(json)).toMatchObject([{ id: 'canvas-prod', family: 'lti' }]);
  });

  it('names the file in every message, and where its path came from when it is missing', async () => {
    expect(() => readSourcesFile('/nonexistent/sources.yaml', { pathOrigin: 'INLET_SOURCES_FILE' })).toThrow(
      'sources file /nonexistent/sources.yaml (INLET_SOURCES_FILE) does not exist',
    );
    const broken = await tempFile('broken.yaml', 'sources: [\n');
    expect(() => readSourcesFile(broken)).toThrow(`sources file ${broken} is not valid YAML/JSON`);
    const invalid = await tempFile('invalid.yaml', 'sources:\n  - id: x\n');
    expect(() => readSourcesFile(invalid)).toThrow(`${invalid}: sources[0]: missing field`);
  });

  it.each(['sources.example.yaml', 'sources.local.yaml'])('accepts the ingress’s %s', (name) => {
    const file = fileURLToPath(new URL(`../../../services/ingress/${name}`, import.meta.url));
    expect(readSourcesFile(file).length).toBeGreaterThan(0);
  });
});
