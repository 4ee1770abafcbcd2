import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '@inlet/kafka-runtime';
import type { TransactionContext } from '@inlet/service-kit';
import { createHandlers } from '../src/handlers/index.js';
import { lti, memberEvent } from './helpers/events.js';
import { newUser, silentLog, useRosterDatabase } from './helpers/roster-database.js';

// What the handlers do with data they cannot store as given: normalize it, or refuse it (permanent or
// retryable).
describe('membership handlers: what they refuse or normalize', () => {
  const roster = useRosterDatabase();
  const { apply, memberRow, historyOf } = roster;

  it('an unknown role is normalized to other and counted, never an error', async () => {
    const userId = newUser();
    const before = roster.applier.unknownRoles();
    await apply(memberEvent('member.added', { userId, roles: ['Astronaut', 'StudentEnrollment', 'Pilot'] }));
    expect(await memberRow(userId)).toMatchObject({
      roles: ['Astronaut', 'StudentEnrollment', 'Pilot'],
      normalized_roles: ['learner', 'other'],
    });
    expect(roster.applier.unknownRoles() - before).toBe(2);
  });

  it('an id too long for the read API is refused as permanent and writes nothing', async () => {
    const userId = 'u'.repeat(256);
    const invalid = memberEvent('member.added', { userId, roles: [lti.learner] });
    await expect(apply(invalid)).rejects.toBeInstanceOf(PermanentError);
    await expect(apply(invalid)).rejects.toMatchObject({
      retryable: false,
      code: 'INLET_MEMBERSHIP_EVENT_INVALID',
    });
    expect(await memberRow(userId)).toBeUndefined();
  });

  it('data PostgreSQL refuses (a NUL character) is permanent and writes nothing', async () => {
    const userId = newUser();
    const invalid = memberEvent('member.added', { userId, roles: ['Learner\u0000'] });
    await expect(apply(invalid)).rejects.toMatchObject({
      name: 'PermanentError',
      code: 'INLET_MEMBERSHIP_EVENT_INVALID',
      cause: expect.objectContaining({ code: expect.stringMatching(/^22/) }),
    });
    expect(await memberRow(userId)).toBeUndefined();
    expect(await historyOf(userId)).toEqual([]);
  });

  it('a database failure that a retry can fix stays retryable (not a PermanentError)', async () => {
    const lost = Object.assign(new pg.DatabaseError('terminating connection', 0, 'error'), { code: '57P01' });
    const broken: TransactionContext['tx'] = {
      query: async () => {
        throw lost;
      },
    };
    const handlers = createHandlers();
    const attempt = handlers['member.added'](memberEvent('member.added', { userId: newUser() }), {
      tx: broken,
      log: silentLog,
    });
    await expect(attempt).rejects.toBe(lost);
  });
});
