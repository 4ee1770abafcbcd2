import { describe, expect, it } from 'vitest';
import { normalizeStatus } from '../../src/roster/statuses.js';

describe('status normalization', () => {
  it.each([
    // Canvas workflow_state
    ['active', 'active'],
    ['invited', 'invited'],
    ['creation_pending', 'invited'],
    ['inactive', 'inactive'],
    ['rejected', 'inactive'],
    ['completed', 'completed'],
    ['deleted', 'removed'],
    // generic senders
    ['Active', 'active'],
    [' suspended ', 'inactive'],
    ['pending', 'invited'],
    ['concluded', 'completed'],
    ['removed', 'removed'],
  ])('%s -> %s', (raw, normalized) => {
    expect(normalizeStatus(raw)).toBe(normalized);
  });

  it('an unknown word is no status at all (never an error)', () => {
    expect(normalizeStatus('on-a-boat')).toBeUndefined();
    expect(normalizeStatus('constructor')).toBeUndefined();
  });
});
