import type { BodyShape } from './memory-options.js';

/**
 * Webhook bodies of `bytes` bytes (within a few), each a new event (its own id), in the two shapes that weigh
 * most once parsed:
 *
 * - `text`: a `content.created` whose page body is one long HTML string. Held once as the raw bytes, once as
 *   the parsed string, once inside the Avro record: about three times its size.
 * - `objects`: a `grade.updated` carrying an array of small objects the ingress does not map (LMS payloads
 *   carry many fields Inlet ignores). Parsed, each little object costs several times its JSON in V8's heap,
 *   and the whole tree lives until the request is answered.
 */
export function webhookBodies(shape: BodyShape, bytes: number): (index: number) => string {
  // Serialized once: a 1 MiB body of objects takes the bench tens of milliseconds to stringify.
  const template =
    shape === 'text' ? serialized(textEnvelope(), bytes) : serialized(objectsEnvelope(), bytes);
  return (index) => template.replaceAll(indexMark, String(index).padStart(indexMark.length, '0'));
}

function serialized<Filler>(envelope: Envelope<Filler>, bytes: number): string {
  const room = Math.max(0, bytes - JSON.stringify(envelope.withFiller(envelope.empty)).length);
  return JSON.stringify(envelope.withFiller(envelope.filler(room)));
}

/** Where each body's own number goes (ids, the learner); as long as the numbers, so every body keeps its size. */
const indexMark = '#########';

interface Envelope<Filler> {
  withFiller(filler: Filler): unknown;
  empty: Filler;
  /** Filler whose JSON takes `room` bytes, about. */
  filler(room: number): Filler;
}

function textEnvelope(): Envelope<string> {
  return {
    empty: '',
    withFiller: (body) => ({
      type: 'content.created',
      id: `memory-text-${indexMark}`,
      data: {
        contentId: `page-${indexMark}`,
        contextId: 'course-1',
        title: 'Week 3 reading',
        body,
        timestamp: '2026-12-05T12:00:00Z',
      },
    }),
    filler: (room) => {
      const paragraph = '<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>';
      return paragraph.repeat(Math.ceil(room / paragraph.length)).slice(0, room);
    },
  };
}

interface Attempt {
  attempt: number;
  score: number;
  grader: string;
  at: string;
}

function objectsEnvelope(): Envelope<Attempt[]> {
  const attempt = (n: number): Attempt => ({
    attempt: n,
    score: n % 100,
    grader: `u-${n % 50}`,
    at: '2026-12-05T12:00:00Z',
  });
  return {
    empty: [],
    withFiller: (attempts) => ({
      type: 'grade.updated',
      id: `memory-objects-${indexMark}`,
      data: {
        userId: `u-${indexMark}`,
        resourceLinkId: 'l-1',
        score: 85,
        maxScore: 100,
        timestamp: '2026-12-05T12:00:00Z',
        attempts,
      },
    }),
    filler: (room) => {
      const attempts: Attempt[] = [];
      for (let used = 0; used + 80 < room; used += JSON.stringify(attempts.at(-1)).length + 1) {
        attempts.push(attempt(attempts.length));
      }
      return attempts;
    },
  };
}
