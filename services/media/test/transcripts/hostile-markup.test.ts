import { describe, expect, it } from 'vitest';
import type { cueText } from '../../src/transcripts/cue-text.js';
import { maxCueTextLength } from '../../src/transcripts/cue-text.js';
import type { ParsedTranscript } from '../../src/transcripts/parse.js';
import { useOffThread } from '@inlet/test-harness';

// Cue markup that a backtracking regex reads in time growing with the square of its length, at the size of
// TRANSCRIPT_MAX_BYTES (5 MB). The parsers run on a worker thread (OffThread, from @inlet/test-harness), so
// the test's own timeout is the only clock: a parser that went quadratic again fails here in seconds instead of
// holding the run for hours. No timing is asserted.

const fiveMegabytes = 5 * 1024 * 1024;
const budget = 10_000;

/** `unit` repeated to exactly `length` characters. */
const fill = (unit: string, length = fiveMegabytes) =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** A WebVTT file whose single cue carries `payload`, as a host would serve it. */
const webvtt = (payload: string) => Buffer.from(`WEBVTT\n\n00:00:01.000 --> 00:00:02.500\n${payload}\n`);

const hostile: { shape: string; payload: string; text: string; speaker: string | null }[] = [
  // No `>` anywhere: every `<` stays as text.
  { shape: '5 MB of `<`', payload: fill('<'), text: fill('<', maxCueTextLength), speaker: null },
  // A voice tag that never closes; the spaces collapse.
  { shape: '`<v` then 5 MB of spaces', payload: `<v${fill(' ')}`, text: '<v', speaker: null },
  {
    shape: '`<v.` then 5 MB of classes (no space, no `>`)',
    payload: `<v.${fill('loud<v.')}`,
    text: `<v.${fill('loud<v.', maxCueTextLength - 3)}`,
    speaker: null,
  },
  { shape: '`<` with `a` between', payload: fill('<a'), text: fill('<a', maxCueTextLength), speaker: null },
  {
    shape: 'voice tags that never close, with names',
    payload: fill('<v Ada '),
    text: fill('<v Ada ', maxCueTextLength).trimEnd(),
    speaker: null,
  },
  {
    shape: 'unclosed tags between words',
    payload: fill('<c.loud word '),
    text: fill('<c.loud word ', maxCueTextLength).trimEnd(),
    speaker: null,
  },
  {
    // Each `<b` swallows the `<i>` after it as one tag: only the words are left.
    shape: 'tags opened inside tags',
    payload: fill('<i>word <b'),
    text: fill('word ', maxCueTextLength).trimEnd(),
    speaker: null,
  },
  {
    // Each is a tag, none a voice, and no whitespace anywhere: a scanner that searched on for whitespace from
    // every one would go quadratic.
    shape: 'tags that start like a voice but are not one',
    payload: fill('<vxx>word'),
    text: fill('word', maxCueTextLength),
    speaker: null,
  },
  {
    shape: 'voice tags with classes and no name',
    payload: fill('<v.loud>word '),
    text: fill('word ', maxCueTextLength).trimEnd(),
    speaker: null,
  },
  {
    shape: 'one 5 MB cue of ordinary markup',
    payload: fill('<v Ada>Cells divide by <i>mitosis</i> &amp; spindles. </v>'),
    text: fill('Cells divide by mitosis & spindles. ', maxCueTextLength).trimEnd(),
    speaker: 'Ada',
  },
];

const cueTextModule = new URL('../../src/transcripts/cue-text.ts', import.meta.url);
const parseModule = new URL('../../src/transcripts/parse.ts', import.meta.url);

describe('cue markup from a hostile host is read in linear time', () => {
  const thread = useOffThread(cueTextModule, parseModule);

  /** cueText, on the worker. */
  const cueTextOffThread = (payload: string) =>
    thread.call<ReturnType<typeof cueText>>(cueTextModule, 'cueText', payload);

  /** parseTranscript, on the worker, called as the transcription handler calls it. */
  const parseOffThread = (body: Buffer, contentType?: string) =>
    thread.call<ParsedTranscript>(parseModule, 'parseTranscript', body, contentType);

  describe.each(hostile)('$shape', ({ payload, text, speaker }) => {
    it(
      'cue text: tags stripped, text cut at maxCueTextLength',
      async () => {
        expect(await cueTextOffThread(payload)).toEqual({ speaker, text });
      },
      budget,
    );

    it(
      'the whole transcript, as the handler parses it: one cue with its times',
      async () => {
        expect(await parseOffThread(webvtt(payload), 'text/vtt')).toEqual({
          format: 'webvtt',
          segments: [{ startSeconds: 1, endSeconds: 2.5, speaker, text }],
        });
      },
      budget,
    );
  });

  it(
    'a SubRip file whose one cue is 5 MB of `<`',
    async () => {
      const srt = Buffer.from(`1\n00:00:01,000 --> 00:00:02,500\n${fill('<')}\n`);
      expect(await parseOffThread(srt)).toEqual({
        format: 'srt',
        segments: [{ startSeconds: 1, endSeconds: 2.5, speaker: null, text: fill('<', maxCueTextLength) }],
      });
    },
    budget,
  );

  it(
    'a 5 MB speaker name is cut like the text',
    async () => {
      const { speaker } = await cueTextOffThread(`<v ${fill('Ada ')}>hello`);
      expect(speaker).toBe(fill('Ada ', 256).trimEnd());
    },
    budget,
  );
});
