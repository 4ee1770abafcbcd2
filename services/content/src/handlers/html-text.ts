// Bodies arrive as HTML (Canvas assignment descriptions and discussion messages) or as plain text. The index
// and the search snippets work on plain text: markup would otherwise be highlighted, shown in snippets, or
// glue words together. This is not an HTML sanitizer; its output is text, escaped again wherever it is shown.
// The markup is found by linear scanners (html-markup.ts), never by backtracking regexes: a body is sender input.

import { commonNamedEntities } from '@inlet/service-kit';
import {
  replaceComments,
  replaceHiddenElements,
  replaceInlineTags,
  replaceOtherTags,
} from './html-markup.js';

/** Longest text indexed per body: far above any assignment or discussion, well below tsvector's 1 MB limit. */
export const maxIndexedChars = 100_000;

// Bounded repetitions only, so each `&` is looked at for a few dozen characters at most: linear.
const entities = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g;

const namedEntities: Record<string, string> = {
  ...commonNamedEntities,
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  shy: '',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  times: '×',
  divide: '÷',
  plusmn: '±',
  euro: '€',
  pound: '£',
  cent: '¢',
  sect: '§',
  para: '¶',
  szlig: 'ß',
  aelig: 'æ',
  AElig: 'Æ',
  oslash: 'ø',
  Oslash: 'Ø',
};

// Accented Latin letters (&eacute; &Uuml; &ccedil; ...): the letter followed by its combining mark, composed.
const accents: Record<string, string> = {
  grave: '\u0300',
  acute: '\u0301',
  circ: '\u0302',
  tilde: '\u0303',
  uml: '\u0308',
  ring: '\u030a',
  cedil: '\u0327',
};
const accentedLetter = /^([a-zA-Z])(grave|acute|circ|tilde|uml|ring|cedil)$/;

function namedEntity(name: string): string | undefined {
  const accented = accentedLetter.exec(name);
  if (accented) return `${accented[1]}${accents[accented[2]!]}`.normalize('NFC');
  // Own keys only: `&constructor;` names no entity, not Object's constructor.
  return Object.hasOwn(namedEntities, name) ? namedEntities[name] : undefined;
}

function decodeEntity(match: string, decimal?: string, hex?: string, name?: string): string {
  if (name !== undefined) return namedEntity(name) ?? match;
  const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16);
  // NUL, surrogates and values past Unicode are not characters: the replacement character, as browsers do.
  const valid = codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
  return String.fromCodePoint(valid ? codePoint : 0xfffd);
}

/**
 * The text a reader of `html` sees, on one line: comments, scripts and styles dropped, tags removed (block
 * tags leave a space), entities decoded, whitespace collapsed, NUL characters removed (PostgreSQL text cannot
 * hold them), cut to maxIndexedChars. Plain text passes through unchanged but for whitespace. Null for null.
 */
export function htmlToText(html: string | null): string | null {
  if (html === null) return null;
  let text = replaceComments(html, ' ');
  text = replaceHiddenElements(text, ' ');
  // Inline elements sit inside words as often as between them ("ex<b>am</b>ple"): removed without a space.
  text = replaceInlineTags(text, '');
  // Every other tag (block elements, <br>, <img>) separates words.
  text = replaceOtherTags(text, ' ');
  text = text.replace(entities, decodeEntity).replaceAll('\0', '').replace(/\s+/g, ' ').trim();
  return truncate(text, maxIndexedChars);
}

/** At most `max` UTF-16 units, never cutting a surrogate pair in half. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

/** Free text (a title) as PostgreSQL can store it: without NUL characters. Null for null. */
export function storableText(text: string | null): string | null {
  return text === null ? null : text.replaceAll('\0', '');
}
