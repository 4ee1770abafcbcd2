import { describe, expect, it } from 'vitest';
import { retryHeaders } from '@inlet/kafka-runtime';
import type { DeadLetter } from '../src/dead-letter.js';
import { parseFilters, parseTime } from '../src/filters.js';
import { runCli } from '../src/index.js';
import { replayRecord } from '../src/replay-record.js';
import { applySettings } from '../src/set-fields.js';
import { renderTable } from '../src/table.js';
import { captureIo } from './support/capture-io.js';

describe('--set', () => {
  it('sets nested fields and array items, reading JSON values and text', () => {
    const body: Record<string, unknown> = { data: { score: 1, events: [{ type: 'view' }] } };
    applySettings(body, [
      'data.score=90',
      'data.userId="42"',
      'data.events.0.type=click',
      'data.note=hello world',
      'meta.flag=true',
    ]);
    expect(body).toEqual({
      data: { score: 90, userId: '42', events: [{ type: 'click' }], note: 'hello world' },
      meta: { flag: true },
    });
  });

  it('refuses what is not a field path', () => {
    expect(() => applySettings({}, ['__proto__.polluted=1'])).toThrow('is not a field path');
    expect(() => applySettings({ a: [] }, ['a.b=1'])).toThrow('must be an index into an array');
    expect(() => applySettings({}, ['=1'])).toThrow('expected path=value');
  });
});

describe('time filters', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  it('reads RFC 3339 times, dates and ages', () => {
    expect(parseTime('2026-11-01T00:00:00Z', 'since', 'dlq list', now)).toBe(
      Date.parse('2026-11-01T00:00:00Z'),
    );
    expect(parseTime('2026-11-01T01:00:00+01:00', 'since', 'dlq list', now)).toBe(
      Date.parse('2026-11-01T00:00:00Z'),
    );
    expect(parseTime('2026-11-01', 'since', 'dlq list', now)).toBe(Date.parse('2026-11-01T00:00:00Z'));
    expect(parseTime('30m', 'since', 'dlq list', now)).toBe(now - 30 * 60_000);
    expect(parseTime('7d', 'since', 'dlq list', now)).toBe(now - 7 * 86_400_000);
    expect(() => parseTime('yesterday', 'since', 'dlq list', now)).toThrow(
      '--since yesterday: expected a time',
    );
    expect(() => parseFilters({ since: '1h', until: '2h' }, 'dlq list', now)).toThrow(
      '--since must be before --until',
    );
  });
});

describe('replay records', () => {
  const letter: DeadLetter = {
    topic: 'grades.dlq',
    partition: 2,
    offset: '17',
    key: 'user-1',
    value: Buffer.from([0, 0, 0, 0, 1, 2]),
    headers: {
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      tracestate: 'vendor=abc',
      'inlet-event-id': 'e-1',
      'inlet-event-type': 'grade.updated',
      'inlet-source': 'local-lti',
      ...Object.fromEntries(Object.values(retryHeaders).map((name) => [name, 'x'])),
      'inlet-error-something-new': 'y',
    },
    event: undefined,
    decodeError: undefined,
    eventId: 'e-1',
    type: 'grade.updated',
    attempts: 4,
    errorClass: 'x',
    errorMessage: 'x',
    deadLetteredAt: 0,
    original: undefined,
  };

  it('keeps the event and its trace context, drops every retry header, marks where it came from', () => {
    const record = replayRecord(letter, { topic: 'inlet.grades.v1' }, 1_000);
    expect(record).toEqual({
      topic: 'inlet.grades.v1',
      key: 'user-1',
      value: letter.value,
      headers: {
        traceparent: letter.headers.traceparent,
        tracestate: 'vendor=abc',
        'inlet-event-id': 'e-1',
        'inlet-event-type': 'grade.updated',
        'inlet-source': 'local-lti',
        'inlet-replayed-from': 'grades.dlq/2/17',
        'inlet-replayed-at': '1000',
        'inlet-original-traceparent': letter.headers.traceparent,
      },
    });
  });

  it('keeps the first original traceparent across a second replay, and sets inlet-not-before for a retry tier', () => {
    const again = replayRecord(
      {
        ...letter,
        headers: {
          ...letter.headers,
          traceparent: '00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01',
          'inlet-original-traceparent': 'first',
          'inlet-replayed-from': 'grades.dlq/0/1',
        },
      },
      { topic: 'grades.retry.1000', notBefore: 5_000 },
      6_000,
    );
    expect(again.headers).toMatchObject({
      'inlet-original-traceparent': 'first',
      'inlet-replayed-from': 'grades.dlq/2/17',
      'inlet-not-before': '5000',
    });
    expect(again.headers['inlet-attempt']).toBeUndefined();
  });
});

describe('the command line', () => {
  it('prints help for every command, with examples', async () => {
    for (const argv of [
      ['--help'],
      ['send', '--help'],
      ['dlq', '--help'],
      ['dlq', 'list', '-h'],
      ['help', 'dlq', 'show'],
      ['dlq', 'replay', '--help'],
      ['unmapped', '--help'],
      ['unmapped', 'list', '-h'],
      ['help', 'unmapped', 'show'],
      ['unmapped', 'replay', '--help'],
    ]) {
      const io = captureIo();
      expect(await runCli(argv, io), argv.join(' ')).toBe(0);
      expect(io.out()).toMatch(/Usage|Examples/);
    }
  });

  it('exits 2 on unknown commands and options, without a stack', async () => {
    for (const argv of [
      [],
      ['frobnicate'],
      ['dlq', 'purge', 'grades'],
      ['unmapped', 'purge'],
      ['unmapped', 'list', 'extra'],
      ['send', 'lms', 'grade.updated', '--nope'],
    ]) {
      const io = captureIo();
      expect(await runCli(argv, io), argv.join(' ')).toBe(2);
      expect(io.err()).not.toMatch(/\n\s+at /);
    }
  });

  it('draws cut, aligned tables', () => {
    expect(
      renderTable(
        [{ header: 'A' }, { header: 'LONG', maxWidth: 5 }, { header: 'C' }],
        [['1', 'abcdefgh', 'x']],
      ),
    ).toBe('A  LONG   C\n1  abcd…  x');
  });
});
