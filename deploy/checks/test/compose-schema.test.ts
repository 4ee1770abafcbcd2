import { describe, expect, it } from 'vitest';
import { composePath } from './support/compose.js';
import { composeSchemaErrors, parseComposeText } from './support/compose-schema.js';
import { readRepoFile } from './support/repo.js';

const composeText = readRepoFile(composePath);

/** docker-compose.yml parsed afresh, so each case can break its own copy. */
const composeFile = () => parseComposeText(composeText) as Record<string, unknown>;
const service = (file: Record<string, unknown>, name: string) =>
  (file.services as Record<string, Record<string, unknown>>)[name]!;

describe(`${composePath} against the Compose specification's schema`, () => {
  it('validates', () => {
    expect(composeSchemaErrors(composeFile()).join('\n')).toBe('');
  });
});

// The check above is only worth something if it fails on a broken file: each case breaks the real file in one
// way and expects the error to name the spot.
describe('the Compose schema check rejects', () => {
  const firstService = () => Object.keys(composeFile().services as object)[0]!;

  it('an unknown top-level key', () => {
    expect(composeSchemaErrors({ ...composeFile(), servises: {} })).toEqual([
      "(top level): must NOT have additional properties 'servises'",
    ]);
  });

  it('an unknown service key', () => {
    const file = composeFile();
    const name = firstService();
    service(file, name).dependson = ['postgres'];
    expect(composeSchemaErrors(file)).toContain(
      `/services/${name}: must NOT have additional properties 'dependson'`,
    );
  });

  it('an unknown key in a build section', () => {
    const file = composeFile();
    const name = firstService();
    service(file, name).build = { context: '.', dockerfil: 'Dockerfile' };
    expect(composeSchemaErrors(file)).toContain(
      `/services/${name}/build: must NOT have additional properties 'dockerfil'`,
    );
  });

  it('a wrong type', () => {
    const file = composeFile();
    const name = firstService();
    service(file, name).ports = 8080;
    expect(composeSchemaErrors(file)).toContain(`/services/${name}/ports: must be array`);
  });

  it('a duration Compose cannot read, while accepting the Go durations Compose does', () => {
    const file = composeFile();
    const name = firstService();
    service(file, name).healthcheck = { test: ['CMD', 'true'], interval: '1m30s', timeout: '1.5s' };
    expect(composeSchemaErrors(file)).toEqual([]);
    service(file, name).healthcheck = { test: ['CMD', 'true'], interval: '10 seconds' };
    expect(composeSchemaErrors(file)).toEqual([
      `/services/${name}/healthcheck/interval: must match format "duration"`,
    ]);
  });

  it('a project name Compose refuses', () => {
    expect(composeSchemaErrors({ ...composeFile(), name: 'Inlet Stack' })).toContainEqual(
      expect.stringMatching(/^\/name: must match pattern/),
    );
  });
});
