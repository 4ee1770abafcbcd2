import { cueText } from './cue-text.js';
import type { TranscriptSegment } from './segment.js';

// WebVTT (https://www.w3.org/TR/webvtt1/) and SubRip share their cue blocks: an optional identifier line, a
// timing line `start --> end [settings]`, then the cue's text lines, blocks separated by blank lines. Parsing is
// lenient as browsers are: a block that is not a cue (a NOTE, STYLE or REGION block, a broken timing line) is
// skipped, not fatal.

// The timing line is read by a regex, safely: it is anchored and no two of its quantifiers can take the same
// characters, so a hostile line costs time linear in its length. Cue payloads are not (cue-text.ts).

/** `[hh:]mm:ss.ttt`; SubRip writes the fraction after a comma. */
const timestamp = String.raw`(?:(\d+):)?([0-5]\d):([0-5]\d)[.,](\d{1,3})`;
const timingLine = new RegExp(`^\\s*${timestamp}\\s+-->\\s+${timestamp}(?:\\s.*)?$`);

/** Splits text into blocks at blank lines, whatever the line endings. */
export function blocksOf(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.split('\n'))
    .filter((lines) => lines.some((line) => line.trim() !== ''));
}

/** True when one of the first lines of the block is a cue timing line. */
export function isCueBlock(lines: string[]): boolean {
  return lines.slice(0, 2).some((line) => timingLine.test(line));
}

/** The cues of the blocks, in order, as segments with their times; blocks that are not cues are skipped. */
export function parseCues(blocks: string[][]): TranscriptSegment[] {
  const segments: TranscriptSegment[] = [];
  for (const lines of blocks) {
    const timingIndex = lines.slice(0, 2).findIndex((line) => timingLine.test(line));
    if (timingIndex === -1) continue;
    const times = timingLine.exec(lines[timingIndex]!)!;
    const { speaker, text } = cueText(lines.slice(timingIndex + 1).join('\n'));
    if (text === '') continue;
    segments.push({
      startSeconds: seconds(times.slice(1, 5)),
      endSeconds: seconds(times.slice(5, 9)),
      speaker,
      text,
    });
  }
  return segments;
}

function seconds([hours, minutes, secs, fraction]: (string | undefined)[]): number {
  const millis = Number((fraction ?? '0').padEnd(3, '0'));
  return Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(secs) + millis / 1000;
}
