import { describe, expect, it } from 'vitest';
import { columnNames, excludedAssignments } from '../src/sql/upsert.js';

describe('excludedAssignments', () => {
  it('replaces each listed column with the incoming value, in the order listed', () => {
    expect(excludedAssignments('title, url,\n  last_event_at')).toBe(
      'title = excluded.title,\n  url = excluded.url,\n  last_event_at = excluded.last_event_at',
    );
  });

  it('writes a single column without a separator', () => {
    expect(excludedAssignments('status')).toBe('status = excluded.status');
  });
});

describe('columnNames', () => {
  it('reads a comma-separated list whatever its line breaks and spaces', () => {
    expect(columnNames(' a,b ,\n\t c_2 ')).toEqual(['a', 'b', 'c_2']);
  });

  it.each([
    ['a cast', 'title, metadata::jsonb'],
    ['a quoted name', 'title, "offset"'],
    ['an empty entry', 'title,, url'],
    ['a trailing comma', 'title, url,'],
    ['an upper-case name', 'Title'],
    ['two names without a comma', 'title url'],
  ])('refuses %s: the text is written into SQL', (_what, list) => {
    expect(() => columnNames(list)).toThrow(/not a plain column name/);
  });
});
