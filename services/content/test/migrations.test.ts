import { describe, expect, it } from 'vitest';
import { describeServiceMigrations, useMigratedDatabase } from '@inlet/service-kit/testing';
import { content } from '../src/service.js';

describeServiceMigrations({
  service: content,
  migrations: [
    '1767225600000_processed-events',
    '1767225600001_catalog',
    '1767225600002_deep-links',
    '1767225600003_engagement',
    '1796325868330_processed-events-retention',
  ],
  tables: [
    'catalog',
    'deep_links',
    'element_daily_engagement',
    'pgmigrations',
    'processed_events',
    'user_daily_engagement',
  ],
});

describe('content search migration', () => {
  const store = useMigratedDatabase(content);

  it('the search vector is a generated column under a GIN index that leaves tombstones out', async () => {
    const { rows: columns } = await store.db.pool.query(
      `SELECT data_type, is_generated, generation_expression FROM information_schema.columns
        WHERE table_schema = 'content' AND table_name = 'catalog' AND column_name = 'search_vector'`,
    );
    expect(columns).toEqual([
      {
        data_type: 'tsvector',
        is_generated: 'ALWAYS',
        generation_expression: expect.stringMatching(/setweight.*'A'.*setweight.*'B'/s),
      },
    ]);
    const { rows: indexes } = await store.db.pool.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'content' AND indexname = 'catalog_search_idx'`,
    );
    expect(indexes[0]?.indexdef).toMatch(/USING gin \(search_vector\) WHERE \(NOT deleted\)/);
  });
});
