import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { postgresAnswers, startEmbeddedPostgres } from '../src/postgres.js';

describe('the embedded PostgreSQL used when no server answers', () => {
  it('serves the PostgreSQL protocol with working transactions', async () => {
    const database = await startEmbeddedPostgres();
    try {
      expect(await postgresAnswers(database.url)).toBe(true);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query('CREATE TABLE processed (event_id text PRIMARY KEY)');
      await client.query('BEGIN');
      await client.query("INSERT INTO processed VALUES ('kept')");
      await client.query('COMMIT');
      await client.query('BEGIN');
      await client.query("INSERT INTO processed VALUES ('rolled-back')");
      await client.query('ROLLBACK');
      const { rows } = await client.query('SELECT event_id FROM processed');
      expect(rows).toEqual([{ event_id: 'kept' }]);
      await client.end();
    } finally {
      await database.stop();
    }
  });

  it('says no when nothing answers', async () => {
    expect(await postgresAnswers('postgres://postgres@127.0.0.1:1/postgres')).toBe(false);
  });
});
