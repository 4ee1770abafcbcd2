import { blocksOf, isCueBlock, parseCues } from './cues.js';
import { TranscriptRefusedError } from './errors.js';
import { parsePlainText } from './plain-text.js';
import type { TranscriptSegment } from './segment.js';

export type TranscriptFormat = 'webvtt' | 'srt' | 'text';

export interface ParsedTranscript {
  format: TranscriptFormat;
  segments: TranscriptSegment[];
}

/**
 * A fetched transcript as segments. The format is read from the content, not the Content-Type (hosts label
 * transcripts as text/plain, application/octet-stream, ...): `WEBVTT` on the first line is WebVTT, a first
 * block with a cue timing line is SubRip, anything else is plain text.
 */
export function parseTranscript(body: Buffer, contentType: string | undefined): ParsedTranscript {
  const text = decode(body, contentType).replace(/^\uFEFF/, '');
  if (/^WEBVTT(?:[ \t]|\r|\n|$)/.test(text)) {
    // The first block is the header (WEBVTT and its metadata lines), never a cue.
    return { format: 'webvtt', segments: parseCues(blocksOf(text).slice(1)) };
  }
  const blocks = blocksOf(text);
  if (blocks[0] && isCueBlock(blocks[0])) return { format: 'srt', segments: parseCues(blocks) };
  return { format: 'text', segments: parsePlainText(text) };
}

/**
 * Bytes to text in the charset the Content-Type names (UTF-8 by default, as WebVTT requires). Bytes that
 * are not valid in it will not become valid on a retry: permanent.
 */
function decode(body: Buffer, contentType: string | undefined): string {
  const charset = /;\s*charset="?([^";\s]+)"?/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset, { fatal: true }).decode(body);
  } catch (error) {
    throw new TranscriptRefusedError(
      'INLET_TRANSCRIPT_UNREADABLE',
      `the transcript is not valid ${charset} text`,
      { cause: error },
    );
  }
}
