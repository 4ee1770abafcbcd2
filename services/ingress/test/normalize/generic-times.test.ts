/** How generic date-times become epoch milliseconds. */
import { describe, expect, it } from 'vitest';
import { normalizeCommerce } from '../../src/normalize/index.js';

describe('generic times', () => {
  it('reads a leap second as the second after :59, never as NaN', () => {
    const payload = {
      type: 'course.completed',
      timestamp: '2016-12-31T23:59:60Z',
      data: { userId: 'u1', contextId: 'c1' },
    };
    expect(normalizeCommerce(payload).occurredAt).toBe(Date.UTC(2017, 0, 1));
  });
});
