import { describe, expect, inject, it, vi } from 'vitest';
import {
  chooseTestPostgres,
  defaultDatabaseUrl,
  postgresAnswers,
  startTestPostgres,
  type TestPostgresProbes,
} from '../src/postgres-server.js';

/** Probes that answer as told and record whether they were asked. */
function probes(answers: { postgres: boolean; docker: boolean }) {
  return {
    postgresAnswers: vi.fn(async () => answers.postgres),
    dockerAnswers: vi.fn(async () => answers.docker),
  } satisfies TestPostgresProbes;
}

describe("the test run's PostgreSQL (chooseTestPostgres)", () => {
  it('uses DATABASE_URL as given, probing nothing', async () => {
    const asked = probes({ postgres: false, docker: true });
    const url = 'postgres://ci@db.internal:5432/postgres';
    expect(await chooseTestPostgres({ databaseUrl: url, containers: 'auto' }, asked)).toEqual({
      kind: 'env',
      url,
    });
    expect(asked.postgresAnswers).not.toHaveBeenCalled();
    expect(asked.dockerAnswers).not.toHaveBeenCalled();
  });

  it('prefers a server already answering at the default address over a container', async () => {
    const asked = probes({ postgres: true, docker: true });
    expect(await chooseTestPostgres({ databaseUrl: undefined, containers: 'auto' }, asked)).toEqual({
      kind: 'default',
      url: defaultDatabaseUrl,
    });
    expect(asked.postgresAnswers).toHaveBeenCalledWith(defaultDatabaseUrl);
    expect(asked.dockerAnswers).not.toHaveBeenCalled();
  });

  it('starts a container when nothing answers and Docker does', async () => {
    const asked = probes({ postgres: false, docker: true });
    expect(await chooseTestPostgres({ databaseUrl: ' ', containers: 'auto' }, asked)).toEqual({
      kind: 'container',
    });
  });

  it('has none, saying why, when neither PostgreSQL nor Docker answers', async () => {
    expect(
      await chooseTestPostgres(
        { databaseUrl: undefined, containers: 'auto' },
        probes({ postgres: false, docker: false }),
      ),
    ).toEqual({ kind: 'missing', url: defaultDatabaseUrl, reason: 'no Docker engine answered' });
  });

  it('does not ask Docker when INLET_CONTAINERS=never', async () => {
    const asked = probes({ postgres: false, docker: true });
    expect(await chooseTestPostgres({ databaseUrl: undefined, containers: 'never' }, asked)).toEqual({
      kind: 'missing',
      url: defaultDatabaseUrl,
      reason: 'INLET_CONTAINERS=never',
    });
    expect(asked.dockerAnswers).not.toHaveBeenCalled();
  });
});

describe('the start-up line of the PostgreSQL choice (startTestPostgres)', () => {
  it('says which server the run uses, without its password', async () => {
    const said: string[] = [];
    const chosen = await startTestPostgres(
      { databaseUrl: 'postgres://u:s3cret@db:5432/postgres', containers: 'auto' },
      probes({ postgres: false, docker: false }),
      (line) => said.push(line),
    );
    expect(chosen.url).toBe('postgres://u:s3cret@db:5432/postgres');
    expect(said).toEqual(['PostgreSQL at postgres://u:***@db:5432/postgres (DATABASE_URL)']);
  });

  it('says that none is started, and why', async () => {
    const said: string[] = [];
    await startTestPostgres(
      { databaseUrl: undefined, containers: 'auto' },
      probes({ postgres: false, docker: false }),
      (line) => said.push(line),
    );
    expect(said).toEqual([
      `no PostgreSQL answers at ${defaultDatabaseUrl}, and none is started (no Docker engine answered)`,
    ]);
  });
});

describe('the PostgreSQL probe (postgresAnswers)', () => {
  it('answers yes for the real server of the test run and no for a closed port', async () => {
    // The server the global setup chose for this run (DATABASE_URL, the default address, or a container).
    expect(await postgresAnswers(inject('databaseUrl'))).toBe(true);
    expect(await postgresAnswers('postgres://postgres@127.0.0.1:1/postgres')).toBe(false);
  });
});
