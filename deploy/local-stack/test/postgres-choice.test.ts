import { describe, expect, it, vi } from 'vitest';
import {
  chooseStackPostgres,
  defaultDatabaseUrl,
  startStackPostgres,
  type StackPostgresProbes,
} from '../src/postgres.js';

/** Probes that answer as told (PostgreSQL only at the URLs listed) and record whether they were asked. */
function probes(answers: { postgresAt: string[]; docker: boolean }) {
  return {
    postgresAnswers: vi.fn(async (url: string) => answers.postgresAt.includes(url)),
    dockerAnswers: vi.fn(async () => answers.docker),
  } satisfies StackPostgresProbes;
}

const chosenUrl = 'postgres://dev:pw@db.local:5432/inlet';

describe("the stack's PostgreSQL (chooseStackPostgres)", () => {
  it('uses DATABASE_URL when it answers, without asking Docker', async () => {
    const asked = probes({ postgresAt: [chosenUrl], docker: true });
    expect(await chooseStackPostgres({ databaseUrl: chosenUrl, containers: 'auto' }, asked)).toEqual({
      kind: 'env',
      url: chosenUrl,
    });
    expect(asked.dockerAnswers).not.toHaveBeenCalled();
  });

  it('uses a server already answering at the default address before a container', async () => {
    const asked = probes({ postgresAt: [defaultDatabaseUrl], docker: true });
    expect(await chooseStackPostgres({ databaseUrl: undefined, containers: 'auto' }, asked)).toEqual({
      kind: 'default',
      url: defaultDatabaseUrl,
    });
    expect(asked.dockerAnswers).not.toHaveBeenCalled();
  });

  it('starts a container when no server answers and Docker does', async () => {
    expect(
      await chooseStackPostgres(
        { databaseUrl: undefined, containers: 'auto' },
        probes({ postgresAt: [], docker: true }),
      ),
    ).toEqual({ kind: 'container' });
  });

  it('falls back to embedded PGlite, saying why, when neither answers (password never shown)', async () => {
    expect(
      await chooseStackPostgres(
        { databaseUrl: chosenUrl, containers: 'auto' },
        probes({ postgresAt: [defaultDatabaseUrl], docker: false }),
      ),
    ).toEqual({
      kind: 'embedded',
      reason: 'none answers at postgres://dev:***@db.local:5432/inlet and no Docker engine answered',
    });
  });

  it('does not ask Docker when INLET_CONTAINERS=never', async () => {
    const asked = probes({ postgresAt: [], docker: true });
    expect(await chooseStackPostgres({ databaseUrl: undefined, containers: 'never' }, asked)).toEqual({
      kind: 'embedded',
      reason: `none answers at ${defaultDatabaseUrl}; INLET_CONTAINERS=never`,
    });
    expect(asked.dockerAnswers).not.toHaveBeenCalled();
  });

  it('prints one start-up line naming the path that ran', async () => {
    const shared = await startStackPostgres(
      { databaseUrl: chosenUrl, containers: 'auto' },
      probes({ postgresAt: [chosenUrl], docker: false }),
    );
    expect(shared).toMatchObject({
      url: chosenUrl,
      summary: 'PostgreSQL  postgres://dev:***@db.local:5432/inlet',
    });
    const embedded = await startStackPostgres(
      { databaseUrl: undefined, containers: 'auto' },
      probes({ postgresAt: [], docker: false }),
    );
    expect(embedded.url).toBeUndefined();
    expect(embedded.summary).toBe(
      `PostgreSQL  none answers at ${defaultDatabaseUrl} and no Docker engine answered: ` +
        'each service gets an embedded PGlite (in memory, lost on stop)',
    );
  });
});
