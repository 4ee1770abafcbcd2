import { cleanText, type TranscriptSegment } from './segment.js';

/** Longest segment cut from plain text, in characters: short enough for a useful search hit and snippet. */
export const maxPlainSegmentLength = 1000;

/**
 * Plain text has no times: a segment per paragraph (blank-line separated), and a paragraph longer than
 * maxPlainSegmentLength is cut at sentence ends, else at spaces, else anywhere.
 */
export function parsePlainText(text: string): TranscriptSegment[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map(cleanText)
    .filter((paragraph) => paragraph !== '')
    .flatMap((paragraph) => cut(paragraph))
    .map((piece) => ({ startSeconds: null, endSeconds: null, speaker: null, text: piece }));
}

function cut(paragraph: string): string[] {
  if (paragraph.length <= maxPlainSegmentLength) return [paragraph];
  const pieces: string[] = [];
  let current = '';
  for (const sentence of paragraph.split(/(?<=[.!?])\s+/)) {
    for (const part of splitLong(sentence)) {
      if (current !== '' && current.length + 1 + part.length > maxPlainSegmentLength) {
        pieces.push(current);
        current = '';
      }
      current = current === '' ? part : `${current} ${part}`;
    }
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

/** A sentence longer than a segment, cut at the last space before the limit (or at the limit). */
function splitLong(sentence: string): string[] {
  const parts: string[] = [];
  let rest = sentence;
  while (rest.length > maxPlainSegmentLength) {
    const space = rest.lastIndexOf(' ', maxPlainSegmentLength);
    const end = space > 0 ? space : maxPlainSegmentLength;
    parts.push(rest.slice(0, end));
    rest = rest.slice(end).trimStart();
  }
  if (rest !== '') parts.push(rest);
  return parts;
}
