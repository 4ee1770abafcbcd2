/** One piece of a transcript, as stored and searched: a cue, or a paragraph of plain text. */
export interface TranscriptSegment {
  /** Seconds from the start of the video; null when the format has no times (plain text). */
  startSeconds: number | null;
  endSeconds: number | null;
  /** The voice of a WebVTT cue (`<v Name>`), when it names one. */
  speaker: string | null;
  text: string;
}

/**
 * Text as it is stored: whitespace collapsed, control characters gone (PostgreSQL's text cannot hold NUL),
 * and the two private-use characters the search API marks matches with removed, so a transcript can never
 * forge a highlight (queries/search.ts).
 */
export function cleanText(text: string): string {
  return text
    .replace(/[\p{Cc}\ue000\ue001]/gu, (char) => (/\s/.test(char) ? ' ' : ''))
    .replace(/\s+/g, ' ')
    .trim();
}
