import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { captureIo } from './support/capture-io.js';
import { useDeadLetterBed } from './support/dead-letter-bed.js';
import { baseTime } from './support/dead-letter-fixtures.js';

describe('inlet dlq list / show / replay against a real broker', () => {
  const bed = useDeadLetterBed();
  const { name, topics, overrides, inlet, byId, endOffsets, consumeAll } = bed;

  it('lists every dead letter, oldest first, undecodable ones with their error', async () => {
    const { code, out } = await inlet(['dlq', 'list', 'grades', ...overrides]);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^PARTITION:OFFSET\s+EVENT ID\s+TYPE\s+ATTEMPTS\s+ERROR CLASS\s+ERROR MESSAGE/);
    expect(lines.slice(1, 6).map((line) => line.split(/\s+/)[1])).toEqual(
      bed.written.map((letter) => letter.eventId),
    );
    expect(lines[1]).toContain(`${byId(1).partition}:${byId(1).offset}`);
    expect(lines[1]).toContain('2026-11-01T10:00:00Z');
    expect(lines[1]).toContain('inlet.grades.v1/2/101');
    expect(lines[5]).toContain('undecodable');
    expect(lines.at(-1)).toBe(`5 of 5 dead letters in ${topics.dlq} match`);
  });

  it('filters by type (with wildcards), error class, time range and eventId', async () => {
    const ids = async (...filters: string[]) => {
      const { code, out } = await inlet(['dlq', 'list', 'grades', ...overrides, '--json', ...filters]);
      expect(code).toBe(0);
      return (JSON.parse(out) as { eventId: string }[]).map((letter) => letter.eventId);
    };
    const eventIds = (...numbers: number[]) => numbers.map((n) => byId(n).eventId);

    expect(await ids('--type', 'grade.updated')).toEqual(eventIds(1, 2, 5));
    expect(await ids('--type', 'grade.*')).toEqual(eventIds(1, 2, 4, 5));
    expect(await ids('--type', 'assessment.submitted,grade.created')).toEqual(eventIds(3, 4));
    expect(await ids('--error-class', 'typeerror')).toEqual(eventIds(1, 3, 4));
    expect(await ids('--type', 'grade.updated', '--error-class', 'TypeError')).toEqual(eventIds(1));
    expect(
      await ids('--since', new Date(baseTime + 3_600_000).toISOString(), '--until', '2026-11-01T13:00:00Z'),
    ).toEqual(eventIds(2, 3));
    expect(await ids('--event-id', byId(3).eventId)).toEqual(eventIds(3));
    expect(await ids('--limit', '2')).toEqual(eventIds(1, 2));
  });

  it('prints JSON with the decoded event, the headers and, for undecodable values, the decoding error', async () => {
    const { out } = await inlet(['dlq', 'list', 'grades', ...overrides, '--json']);
    const letters = JSON.parse(out) as Record<string, unknown>[];
    expect(letters[0]).toMatchObject({
      eventId: byId(1).eventId,
      type: 'grade.updated',
      attempts: 4,
      errorClass: 'TypeError',
      deadLetteredAt: '2026-11-01T10:00:00Z',
      original: { topic: 'inlet.grades.v1', partition: '2', offset: '101' },
      event: { eventId: byId(1).eventId, data: { userId: 'user-1', score: 85 } },
      decodeError: null,
    });
    expect(letters[4]).toMatchObject({ event: null, decodeError: expect.stringMatching(/undecodable/) });
  });

  it('says how many match and how many are shown when --limit cuts the list', async () => {
    const { out } = await inlet(['dlq', 'list', 'grades', ...overrides, '--limit', '2']);
    expect(out.trim().split('\n')).toHaveLength(4);
    expect(out).toContain(`5 of 5 dead letters in ${topics.dlq} match (showing the oldest 2; see --limit)`);
  });

  it('shows one dead letter by eventId or partition:offset: headers with the stack, and the decoded event', async () => {
    const letter = byId(2);
    const byEventId = await inlet(['dlq', 'show', 'grades', letter.eventId, ...overrides]);
    expect(byEventId.code).toBe(0);
    expect(byEventId.out).toContain(`dead letter ${topics.dlq} ${letter.partition}:${letter.offset}`);
    expect(byEventId.out).toContain('error             PermanentError: resource link link456 is not known');
    expect(byEventId.out).toContain(`raw size          value ${letter.value.length} bytes`);
    expect(byEventId.out).toContain(`traceparent: ${letter.traceparent}`);
    expect(byEventId.out).toContain('inlet-error-code: GRADES_TEST_FAILURE');
    expect(byEventId.out).toMatch(/inlet-error-stack:\n\s+PermanentError: .*\n\s+at handleGrade/);
    const event = JSON.parse(byEventId.out.slice(byEventId.out.indexOf('\nevent\n') + 7)) as Record<
      string,
      unknown
    >;
    expect(event).toMatchObject({
      eventId: letter.eventId,
      type: 'grade.updated',
      data: { userId: 'user-2' },
    });

    const byPosition = await inlet([
      'dlq',
      'show',
      'grades',
      `${letter.partition}:${letter.offset}`,
      ...overrides,
    ]);
    expect(byPosition.out).toBe(byEventId.out);

    const undecodable = await inlet(['dlq', 'show', 'grades', byId(5).eventId, ...overrides]);
    expect(undecodable.out).toContain('event (undecodable)');

    const missing = await inlet(['dlq', 'show', 'grades', '7:7', ...overrides]);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`inlet: no dead letter 7:7 in ${topics.dlq} (5 there)\n`);
  });

  it('replay --dry-run counts the matching records and produces nothing', async () => {
    const before = await endOffsets(topics.main);
    const { code, out } = await inlet([
      'dlq',
      'replay',
      'grades',
      ...overrides,
      '--type',
      'grade.updated',
      '--dry-run',
    ]);
    expect(code).toBe(0);
    expect(out).toContain(`3 of 5 dead letters in ${topics.dlq} match; 1 of them cannot be decoded`);
    expect(out).toContain(`dry run: would replay 3 to ${topics.main}; nothing was produced`);
    expect(await endOffsets(topics.main)).toEqual(before);
  });

  it('refuses to replay without --yes when no terminal can confirm, and when the person says no', async () => {
    const before = await endOffsets(topics.main);
    const piped = await inlet(['dlq', 'replay', 'grades', ...overrides, '--type', 'grade.updated']);
    expect(piped.code).toBe(2);
    expect(piped.err).toContain(
      'refusing to replay 3 records without confirmation: not a terminal; pass --yes',
    );

    const questions: string[] = [];
    const declined = await inlet(['dlq', 'replay', 'grades', ...overrides, '--type', 'grade.updated'], {
      isTTY: true,
      prompt: async (question) => {
        questions.push(question);
        return 'n';
      },
    });
    expect(declined.code).toBe(1);
    expect(questions).toEqual([`Replay 3 dead letters to ${topics.main}? [y/N] `]);
    expect(await endOffsets(topics.main)).toEqual(before);
  });

  it('replay --yes produces exactly the matching records to the main topic, with fresh attempts', async () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    const { code, out } = await inlet(
      [
        'dlq',
        'replay',
        'grades',
        ...overrides,
        '--type',
        'grade.updated',
        '--error-class',
        'TypeError,PermanentError',
        '--yes',
      ],
      { now: () => now },
    );
    expect(code).toBe(0);
    expect(out).toContain(`replayed 2 dead letters to ${topics.main} with fresh attempts`);
    expect(out).toContain(`the dead letters stay in ${topics.dlq}`);

    const replayed = await consumeAll(topics.main, 2);
    expect(replayed.map((record) => record.headers['inlet-event-id']).sort()).toEqual([
      byId(1).eventId,
      byId(2).eventId,
    ]);
    for (const record of replayed) {
      const letter = bed.written.find((candidate) => candidate.eventId === record.headers['inlet-event-id'])!;
      expect(record.key).toBe(letter.key);
      expect(record.value.equals(letter.value)).toBe(true);
      expect(record.headers).toEqual({
        traceparent: letter.traceparent,
        'inlet-event-id': letter.eventId,
        'inlet-event-type': 'grade.updated',
        'inlet-source': 'local-lti',
        'inlet-replayed-from': `${topics.dlq}/${letter.partition}/${letter.offset}`,
        'inlet-replayed-at': String(now),
        'inlet-original-traceparent': letter.traceparent,
      });
    }
    // Kafka is append-only: the DLQ still holds all five.
    const after = await inlet(['dlq', 'list', 'grades', ...overrides]);
    expect(after.out).toContain(`5 of 5 dead letters in ${topics.dlq} match`);
  });

  it('replay --to retry lands in the first retry tier with inlet-not-before = now, after a yes at the terminal', async () => {
    const now = Date.parse('2026-11-23T13:00:00Z');
    const { code } = await inlet(
      ['dlq', 'replay', 'grades', ...overrides, '--event-id', byId(3).eventId, '--to', 'retry'],
      {
        now: () => now,
        isTTY: true,
        prompt: async () => 'yes',
      },
    );
    expect(code).toBe(0);
    const [record] = await consumeAll(topics.retry, 1);
    expect(record!.headers).toMatchObject({
      'inlet-event-id': byId(3).eventId,
      'inlet-not-before': String(now),
      'inlet-replayed-from': `${topics.dlq}/${byId(3).partition}/${byId(3).offset}`,
    });
    expect(record!.headers['inlet-attempt']).toBeUndefined();
    expect(Object.keys(record!.headers).filter((header) => header.startsWith('inlet-error-'))).toEqual([]);
  });

  it('reads an empty DLQ, leaves no consumer group behind and reports a missing topic clearly', async () => {
    const empty = await inlet(['dlq', 'list', 'grades', '--dlq-topic', topics.empty]);
    expect(empty).toMatchObject({ code: 0, out: `0 of 0 dead letters in ${topics.empty} match\n` });

    const admin = bed.kafka.admin();
    await admin.connect();
    try {
      const { groups } = await admin.listGroups();
      expect(groups.filter((group) => group.groupId.startsWith('inlet-cli-reader-'))).toEqual([]);
    } finally {
      await admin.disconnect();
    }

    const missing = await inlet(['dlq', 'list', 'grades', '--dlq-topic', `${name}.nowhere`]);
    expect(missing).toMatchObject({ code: 1, err: `inlet: Kafka topic ${name}.nowhere does not exist\n` });
  });

  it('needs KAFKA_BROKERS and a known service (usage errors, exit 2)', async () => {
    const noBrokers = captureIo();
    expect(await runCli(['dlq', 'list', 'grades'], noBrokers)).toBe(2);
    expect(noBrokers.err()).toMatch(/^inlet: KAFKA_BROKERS is not set/);

    const unknown = await inlet(['dlq', 'replay', 'billing', '--dry-run']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(
      'unknown service "billing": one of grades, membership, content, payments, media',
    );
  });
});
