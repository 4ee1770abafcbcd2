import { retryHeaders } from '@inlet/kafka-runtime';
import { createEventCodec, EmbeddedRegistry, partitionKey, type InletEvent } from '@inlet/schemas';
import { Partitioners, type Kafka } from 'kafkajs';

/** A dead letter as the consumer runtime writes it (retry-router.ts, failureRecord), for one test event. */
export interface DeadLetterFixture {
  event: InletEvent | undefined;
  /** For an undecodable record: the value bytes to write instead of an encoded event. */
  rawValue?: Buffer;
  key: string;
  eventId: string;
  type: string;
  errorClass: string;
  errorMessage: string;
  deadLetteredAt: number;
  attempts: number;
  traceparent: string;
  originalOffset: number;
}

export const baseTime = Date.parse('2026-11-01T10:00:00Z');
const hour = 3_600_000;

export function gradeEvent(
  eventId: string,
  type: 'grade.updated' | 'grade.created',
  userId: string,
): InletEvent {
  return {
    eventId,
    type,
    source: 'local-lti',
    sourceEventName: null,
    occurredAt: baseTime - hour,
    receivedAt: baseTime - hour,
    data: {
      gradeId: 'grade789',
      userId,
      resourceLinkId: 'link456',
      contextId: 'course-bio-101',
      score: 85,
      maxScore: 100,
      gradingProgress: 'FullyGraded',
      comment: null,
    },
  };
}

function submission(eventId: string, userId: string): InletEvent {
  return {
    eventId,
    type: 'assessment.submitted',
    source: 'local-progress',
    sourceEventName: null,
    occurredAt: baseTime - hour,
    receivedAt: baseTime - hour,
    data: {
      userId,
      assessmentId: 'quiz-cells-1',
      contextId: 'course-bio-101',
      submissionId: 'sub-9931',
      score: 8,
      maxScore: 10,
      attempt: 1,
    },
  };
}

function traceparent(n: number): string {
  return `00-${String(n).padStart(32, 'a')}-${String(n).padStart(16, 'b')}-01`;
}

function fixture(
  event: InletEvent,
  errorClass: string,
  errorMessage: string,
  hoursAfterBase: number,
  n: number,
): DeadLetterFixture {
  return {
    event,
    key: partitionKey(event),
    eventId: event.eventId,
    type: event.type,
    errorClass,
    errorMessage,
    deadLetteredAt: baseTime + hoursAfterBase * hour,
    attempts: errorClass === 'PermanentError' ? 1 : 4,
    traceparent: traceparent(n),
    originalOffset: 100 + n,
  };
}

/** Five dead letters an hour apart: three types, three error classes, one undecodable value. */
export function deadLetterFixtures(): DeadLetterFixture[] {
  const undecodableId = '0a0a0a0a-0000-8000-8000-000000000005';
  return [
    fixture(
      gradeEvent('0a0a0a0a-0000-8000-8000-000000000001', 'grade.updated', 'user-1'),
      'TypeError',
      "Cannot read properties of undefined (reading 'score')",
      0,
      1,
    ),
    fixture(
      gradeEvent('0a0a0a0a-0000-8000-8000-000000000002', 'grade.updated', 'user-2'),
      'PermanentError',
      'resource link link456 is not known',
      1,
      2,
    ),
    fixture(
      submission('0a0a0a0a-0000-8000-8000-000000000003', 'user-3'),
      'TypeError',
      'x is not a function',
      2,
      3,
    ),
    fixture(
      gradeEvent('0a0a0a0a-0000-8000-8000-000000000004', 'grade.created', 'user-4'),
      'TypeError',
      'boom',
      3,
      4,
    ),
    {
      event: undefined,
      rawValue: Buffer.from('not avro at all'),
      key: 'user-5',
      eventId: undecodableId,
      type: 'grade.updated',
      errorClass: 'UndecodableEventError',
      errorMessage: 'undecodable event: the value is not in the Confluent wire format',
      deadLetteredAt: baseTime + 4 * hour,
      attempts: 1,
      traceparent: traceparent(5),
      originalOffset: 105,
    },
  ];
}

/** The headers the runtime puts on a DLQ record (failureRecord in retry-router.ts). */
export function dlqHeaders(letter: DeadLetterFixture, mainTopic: string): Record<string, string> {
  const at = String(letter.deadLetteredAt);
  return {
    traceparent: letter.traceparent,
    'inlet-event-id': letter.eventId,
    'inlet-event-type': letter.type,
    'inlet-source': 'local-lti',
    [retryHeaders.attempt]: String(letter.attempts),
    [retryHeaders.originalTopic]: mainTopic,
    [retryHeaders.originalPartition]: '2',
    [retryHeaders.originalOffset]: String(letter.originalOffset),
    [retryHeaders.notBefore]: at,
    [retryHeaders.errorClass]: letter.errorClass,
    [retryHeaders.errorMessage]: letter.errorMessage,
    [retryHeaders.errorStack]: `${letter.errorClass}: ${letter.errorMessage}\n    at handleGrade (services/grades/src/handlers.ts:42:17)\n    at processMessage (packages/kafka-runtime/src/consumer/message-processor.ts:120:9)`,
    [retryHeaders.errorCode]: 'GRADES_TEST_FAILURE',
    [retryHeaders.consumerGroup]: 'inlet-grades',
    [retryHeaders.firstFailureAt]: String(letter.deadLetteredAt - 7_000),
    [retryHeaders.lastFailureAt]: at,
  };
}

export interface WrittenDeadLetter extends DeadLetterFixture {
  value: Buffer;
  partition: number;
  offset: string;
}

/** Produces the fixtures to a DLQ topic, the values encoded with the services' codec. */
export async function writeDeadLetters(
  kafka: Kafka,
  dlqTopic: string,
  mainTopic: string,
  letters: DeadLetterFixture[],
): Promise<WrittenDeadLetter[]> {
  const codec = createEventCodec({ registry: new EmbeddedRegistry() });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
  await producer.connect();
  try {
    const written: WrittenDeadLetter[] = [];
    for (const letter of letters) {
      const value = letter.event ? (await codec.encode(letter.event)).value : letter.rawValue!;
      const [metadata] = await producer.send({
        topic: dlqTopic,
        acks: -1,
        messages: [{ key: letter.key, value, headers: dlqHeaders(letter, mainTopic) }],
      });
      written.push({ ...letter, value, partition: metadata!.partition, offset: metadata!.baseOffset! });
    }
    return written;
  } finally {
    await producer.disconnect();
  }
}
