import { describe, expect, it } from 'vitest';
import { serviceTopics } from '@inlet/topics';
import { PermanentError, nextRoute, retryHeaders } from '../../src/index.js';
import { failureRecord, type FailedMessage } from '../../src/consumer/retry-router.js';
import { isPermanentFailure } from '../../src/consumer/failure.js';
import { truncateUtf8 } from '../../src/consumer/message-headers.js';

// Pure decisions of the retry ladder; the behaviour against Kafka is in retries.test.ts.
describe('the retry ladder', () => {
  const grades = serviceTopics('grades');

  it('climbs the declared tiers, then dead-letters', () => {
    expect(nextRoute(grades, 1, false)).toEqual({
      to: 'retry',
      topic: 'grades.retry.1000',
      delayMs: 1000,
      nextAttempt: 2,
    });
    expect(nextRoute(grades, 2, false)).toMatchObject({ topic: 'grades.retry.2000', nextAttempt: 3 });
    expect(nextRoute(grades, 3, false)).toMatchObject({ topic: 'grades.retry.4000', nextAttempt: 4 });
    expect(nextRoute(grades, 4, false)).toEqual({ to: 'dlq', topic: 'grades.dlq' });
    expect(nextRoute(grades, 1, true)).toEqual({ to: 'dlq', topic: 'grades.dlq' });
  });

  it('reuses the last tier when more retries than distinct (capped) delays are allowed', () => {
    const capped = { ...grades, retryPolicy: { ...grades.retryPolicy, maxRetries: 5 } };
    expect(nextRoute(capped, 4, false)).toMatchObject({ topic: 'grades.retry.4000', nextAttempt: 5 });
    expect(nextRoute(capped, 5, false)).toMatchObject({ topic: 'grades.retry.4000', nextAttempt: 6 });
    expect(nextRoute(capped, 6, false)).toMatchObject({ to: 'dlq' });
  });

  it('classifies by type and the retryable flag, never by message', () => {
    expect(isPermanentFailure(new PermanentError('X', 'retry will not help'))).toBe(true);
    expect(isPermanentFailure(Object.assign(new Error('temporary'), { retryable: false }))).toBe(true);
    expect(isPermanentFailure(new Error('permanent failure, invalid, undecodable'))).toBe(false);
    expect(isPermanentFailure('a string')).toBe(false);
  });

  it('keeps the first failure and main-topic coordinates across retries and drops stale error headers', () => {
    const failed: FailedMessage = {
      topic: 'grades.retry.1000',
      partition: 0,
      offset: '7',
      key: 'u-1',
      value: Buffer.from([0, 1, 2]),
      headers: {
        'inlet-event-id': 'e-1',
        [retryHeaders.attempt]: '2',
        [retryHeaders.originalTopic]: 'inlet.grades.v1',
        [retryHeaders.originalPartition]: '4',
        [retryHeaders.originalOffset]: '1234',
        [retryHeaders.firstFailureAt]: '1000',
        [retryHeaders.errorCode]: 'OLD_CODE',
      },
      attempt: 2,
      error: new Error('still failing'),
      permanent: false,
    };
    const record = failureRecord(failed, nextRoute(grades, 2, false), 'inlet-grades', 5_000);
    expect(record).toMatchObject({ topic: 'grades.retry.2000', key: 'u-1', value: failed.value });
    expect(record.headers).toMatchObject({
      'inlet-event-id': 'e-1',
      [retryHeaders.attempt]: '3',
      [retryHeaders.originalTopic]: 'inlet.grades.v1',
      [retryHeaders.originalPartition]: '4',
      [retryHeaders.originalOffset]: '1234',
      [retryHeaders.notBefore]: '7000',
      [retryHeaders.firstFailureAt]: '1000',
      [retryHeaders.lastFailureAt]: '5000',
      [retryHeaders.errorClass]: 'Error',
      [retryHeaders.consumerGroup]: 'inlet-grades',
    });
    expect(record.headers[retryHeaders.errorCode]).toBeUndefined();
  });

  it('cuts long header values on a character boundary', () => {
    const cut = truncateUtf8('é'.repeat(3000), 2048);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(2048);
    expect(cut).toMatch(/^é+…$/);
    expect(truncateUtf8('short', 2048)).toBe('short');
  });
});
