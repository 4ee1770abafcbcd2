import { commonNamedEntities } from '@inlet/service-kit';
import { cleanText } from './segment.js';

// A cue's payload comes from a host we do not control and may be megabytes long. Its markup is read by two
// hand-written scanners that only ever move forward, so their time grows with the payload's length, never
// with its square: a backtracking regex such as `<[^>]*>` rescans the rest of the payload from every `<` that
// has no `>` after it, and a 5 MB cue of `<` would hold the event loop (heartbeats, read API) for hours.

/**
 * Longest text kept of one cue, in UTF-16 code units. A real cue is a line or two of speech; a longer one is
 * cut rather than refused: one absurd cue should not dead-letter a transcript whose other cues are good, and
 * splitting it would make several segments claim the same time span. The bound keeps a segment well inside
 * what PostgreSQL's tsvector holds (1 MB) and what a search hit's snippet can usefully show.
 */
export const maxCueTextLength = 4096;

/** Longest speaker name kept (`<v Name>`), in UTF-16 code units: a name, not a paragraph. */
export const maxSpeakerLength = 256;

/**
 * A cue's payload as plain text: the first voice (`<v Name>` or `<v.class Name>`) becomes the speaker, every
 * tag (`<i>`, `<c.x>`, `<00:00:01.000>`, SubRip's `<font>`) goes, entities are decoded, lines are joined.
 */
export function cueText(payload: string): { speaker: string | null; text: string } {
  const voice = firstVoice(payload);
  const speaker = voice === undefined ? '' : truncate(cleanText(decodeEntities(voice)), maxSpeakerLength);
  const text = truncate(cleanText(decodeEntities(stripTags(payload))), maxCueTextLength);
  return { speaker: speaker === '' ? null : speaker, text };
}

/**
 * The payload without its tags: each `<` up to the first `>` after it goes. A `<` with no `>` anywhere after it
 * stays, as does everything after it (no later `<` can close either).
 */
function stripTags(payload: string): string {
  const kept: string[] = [];
  let from = 0;
  for (let open = payload.indexOf('<'); open !== -1; open = payload.indexOf('<', from)) {
    const close = payload.indexOf('>', open + 1);
    if (close === -1) break;
    kept.push(payload.slice(from, open));
    from = close + 1;
  }
  kept.push(payload.slice(from));
  return kept.join('');
}

/**
 * The name in the first voice tag, as the regex `<v(?:\.[^\s>]*)?\s+([^>]+)>` would find it: `<v`, optional
 * classes (`.loud.x`, no whitespace), whitespace, then at least one more character before the first `>`.
 * Returned with its leading whitespace, which cleanText removes. Each candidate `<v` reuses the `>` and the
 * whitespace found for the one before while they still lie ahead of it, so no character is scanned twice.
 */
function firstVoice(payload: string): string | undefined {
  let close = -1;
  let space = -1;
  for (let open = payload.indexOf('<v'); open !== -1; open = payload.indexOf('<v', open + 1)) {
    if (close < open) {
      close = payload.indexOf('>', open + 2);
      // No `>` after this `<v`, so none after any later one either.
      if (close === -1) return undefined;
    }
    let nameStart = open + 2;
    if (payload[nameStart] === '.') {
      if (space < open + 3) space = nextWhitespace(payload, open + 3);
      nameStart = space;
    }
    if (nameStart < close && close - nameStart >= 2 && isWhitespace(payload, nameStart)) {
      return payload.slice(nameStart, close);
    }
  }
  return undefined;
}

// `\s` as regexes mean it (Unicode spaces and line terminators). The sticky one tests a single position; a
// global one would search on from it, rescanning the payload for every candidate.
const whitespaceAt = /\s/y;
const whitespaceFrom = /\s/g;

function isWhitespace(text: string, index: number): boolean {
  whitespaceAt.lastIndex = index;
  return whitespaceAt.test(text);
}

/** Index of the first whitespace at or after `from`; text.length when there is none. */
function nextWhitespace(text: string, from: number): number {
  whitespaceFrom.lastIndex = from;
  return whitespaceFrom.exec(text)?.index ?? text.length;
}

/** At most `max` code units, never splitting a surrogate pair, without trailing whitespace. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 1]!) ? max - 1 : max;
  return text.slice(0, end).trimEnd();
}

const namedEntities: Record<string, string> = {
  ...commonNamedEntities,
  lrm: '',
  rlm: '',
};

/** Linear: each `&` starts at most one match, and the runs it scans end at the next `&`. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    // Own keys only: `&constructor;` names no entity, not Object's constructor.
    const lower = name.toLowerCase();
    return Object.hasOwn(namedEntities, lower) ? namedEntities[lower]! : whole;
  });
}
