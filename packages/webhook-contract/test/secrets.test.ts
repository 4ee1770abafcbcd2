import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSecretRef, readSecret, resolveSecrets, SourcesConfigError } from '../src/index.js';

async function secretFile(text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'inlet-secret-')), 'secret');
  await writeFile(file, text);
  return file;
}

const at = 'sources.yaml: sources[0].auth.secrets';

describe('resolveSecrets', () => {
  it('reads variables and files in the file’s order, trimming a mounted file’s newline', async () => {
    const file = await secretFile('from-file\n');
    expect(resolveSecrets([{ env: 'CURRENT' }, { file }], at, { CURRENT: 'from-env' })).toEqual([
      'from-env',
      'from-file',
    ]);
  });

  it('skips an optional secret that is unset or empty, never a required one', () => {
    const refs = [{ env: 'CURRENT' }, { env: 'PREVIOUS', optional: true }];
    expect(resolveSecrets(refs, at, { CURRENT: 'now', PREVIOUS: '' })).toEqual(['now']);
    expect(() => resolveSecrets(refs, at, { PREVIOUS: 'old' })).toThrow(
      `${at}[0].env: environment variable CURRENT is not set`,
    );
  });

  it('fails when no secret is left, or a file is unreadable or empty', async () => {
    expect(() => resolveSecrets([{ env: 'GONE', optional: true }], at, {})).toThrow(
      `${at}: none of the secrets is set`,
    );
    expect(() => resolveSecrets([{ file: '/nonexistent/secret' }], at, {})).toThrow(
      `${at}[0].file: cannot read /nonexistent/secret`,
    );
    const empty = await secretFile('\n');
    expect(() => resolveSecrets([{ file: empty }], at, {})).toThrow(SourcesConfigError);
    expect(() => resolveSecrets([{ file: empty }], at, {})).toThrow(`${at}[0].file: ${empty} is empty`);
  });
});

describe('readSecret', () => {
  it('is the value, or undefined when the variable is unset or the file unreadable', async () => {
    const file = await secretFile('token\n');
    expect(readSecret({ env: 'K' }, { K: 'value' })).toBe('value');
    expect(readSecret({ env: 'K' }, { K: '' })).toBeUndefined();
    expect(readSecret({ file }, {})).toBe('token');
    expect(readSecret({ file: '/nonexistent/secret' }, {})).toBeUndefined();
  });

  it('is described by where it is read, never by its value', () => {
    expect(describeSecretRef({ env: 'K' })).toBe('environment variable K');
    expect(describeSecretRef({ file: '/run/secrets/k' })).toBe('file /run/secrets/k');
  });
});
