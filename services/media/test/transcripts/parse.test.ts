import { describe, expect, it } from 'vitest';
import { PermanentError } from '@inlet/kafka-runtime';
import { parseTranscript } from '../../src/transcripts/parse.js';
import { maxPlainSegmentLength } from '../../src/transcripts/plain-text.js';

const parse = (text: string | Buffer, contentType?: string) =>
  parseTranscript(Buffer.isBuffer(text) ? text : Buffer.from(text), contentType);

describe('parsing a transcript into segments', () => {
  it('WebVTT: one segment per cue with its times; header, NOTE and STYLE blocks skipped', () => {
    const vtt = [
      '\uFEFFWEBVTT - Lecture 4',
      'Kind: captions',
      '',
      'NOTE recorded in room 12',
      '',
      'STYLE',
      '::cue { color: yellow }',
      '',
      'intro',
      '00:00:01.000 --> 00:00:04.250 align:start',
      'Cells divide',
      'by <i>mitosis</i>.',
      '',
      '00:05.5 --> 01:02:03.004',
      '<v.loud Dr. Ada Lovelace>Chromosomes &amp; spindles &lt;3</v>',
      '',
      '00:10.000 --> 00:11.000',
      '<c.yellow></c>',
      '',
    ].join('\r\n');
    expect(parse(vtt)).toEqual({
      format: 'webvtt',
      segments: [
        { startSeconds: 1, endSeconds: 4.25, speaker: null, text: 'Cells divide by mitosis.' },
        {
          startSeconds: 5.5,
          endSeconds: 3723.004,
          speaker: 'Dr. Ada Lovelace',
          text: 'Chromosomes & spindles <3',
        },
      ],
    });
  });

  it('WebVTT with a broken timing line skips that cue and keeps the rest', () => {
    const vtt = 'WEBVTT\n\n00:01.000 -> 00:02.000\nlost\n\n00:03.000 --> 00:04.000\nkept\n';
    expect(parse(vtt).segments.map((segment) => segment.text)).toEqual(['kept']);
  });

  it('SubRip: numbered cues with comma fractions', () => {
    const srt =
      '1\n00:00:01,000 --> 00:00:02,500\n<b>Hello</b>\nthere\n\n2\n00:00:03,000 --> 00:00:04,000\nAgain\n';
    expect(parse(srt, 'application/x-subrip')).toEqual({
      format: 'srt',
      segments: [
        { startSeconds: 1, endSeconds: 2.5, speaker: null, text: 'Hello there' },
        { startSeconds: 3, endSeconds: 4, speaker: null, text: 'Again' },
      ],
    });
  });

  it('plain text: one segment per paragraph, no times', () => {
    expect(parse('First paragraph\ncontinues here.\n\n\nSecond one.\n', 'text/plain')).toEqual({
      format: 'text',
      segments: [
        { startSeconds: null, endSeconds: null, speaker: null, text: 'First paragraph continues here.' },
        { startSeconds: null, endSeconds: null, speaker: null, text: 'Second one.' },
      ],
    });
  });

  it('plain text: a long paragraph is cut at sentence ends, a long sentence at spaces', () => {
    const sentence = `${'word '.repeat(30).trim()}.`;
    const paragraph = Array.from({ length: 40 }, () => sentence).join(' ');
    const { segments } = parse(`${paragraph}\n\n${'x'.repeat(2500)}`);
    expect(segments.every((segment) => segment.text.length <= maxPlainSegmentLength)).toBe(true);
    expect(segments.slice(0, -3).every((segment) => segment.text.endsWith('.'))).toBe(true);
    // Nothing lost, nothing added but the cuts.
    const squeezed = (text: string) => text.replace(/\s/g, '');
    expect(squeezed(segments.map((segment) => segment.text).join(''))).toBe(
      squeezed(paragraph + 'x'.repeat(2500)),
    );
  });

  it('an empty transcript has no segments', () => {
    expect(parse('WEBVTT\n\n')).toEqual({ format: 'webvtt', segments: [] });
    expect(parse('')).toEqual({ format: 'text', segments: [] });
  });

  it('removes NUL and other control characters, and the two characters search uses to mark matches', () => {
    expect(parse('a\u0000b\u0007c \ue000forged\ue001 d').segments[0]?.text).toBe('abc forged d');
  });

  it('decodes the charset the Content-Type names', () => {
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9]);
    expect(parse(latin1, 'text/plain; charset=ISO-8859-1').segments[0]?.text).toBe('café');
  });

  it('bytes that are not text in the charset are a permanent INLET_TRANSCRIPT_UNREADABLE', () => {
    const binary = Buffer.from([0xff, 0xfe, 0xfd, 0x00, 0xc3]);
    expect(() => parse(binary)).toThrow(PermanentError);
    expect(() => parse(binary)).toThrow(expect.objectContaining({ code: 'INLET_TRANSCRIPT_UNREADABLE' }));
    expect(() => parse('hello', 'text/plain; charset=no-such-charset')).toThrow(
      expect.objectContaining({ code: 'INLET_TRANSCRIPT_UNREADABLE' }),
    );
  });
});
