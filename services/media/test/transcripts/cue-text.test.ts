import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cueText, maxCueTextLength, maxSpeakerLength } from '../../src/transcripts/cue-text.js';
import { cleanText } from '../../src/transcripts/segment.js';

/**
 * What cue text was when it was read with regexes, kept as the reference the scanners must agree with. Its
 * time grows with the square of the payload, so it only ever sees the short payloads generated below.
 */
function regexCueText(payload: string): { speaker: string | null; text: string } {
  const decode = (text: string) =>
    text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#')) {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      const named: Record<string, string> = {
        amp: '&',
        lt: '<',
        gt: '>',
        quot: '"',
        apos: "'",
        nbsp: ' ',
        lrm: '',
        rlm: '',
      };
      return named[name.toLowerCase()] ?? whole;
    });
  const voice = /<v(?:\.[^\s>]*)?\s+([^>]+)>/.exec(payload);
  const speaker = voice?.[1] ? cleanText(decode(voice[1])) : '';
  return {
    speaker: speaker === '' ? null : speaker,
    text: cleanText(decode(payload.replace(/<[^>]*>/g, ''))),
  };
}

// Pieces of markup, broken markup and whitespace of every kind `\s` knows, so short payloads meet the
// scanners' corner cases: tags inside tags, voices without a name, classes running into `>`.
const piece = fc.constantFrom(
  '<',
  '>',
  '<v',
  '<v ',
  '<v.',
  '</v>',
  '<i>',
  '<c.loud',
  'v',
  '.',
  ' ',
  '\t',
  '\n',
  '\u00a0',
  '\u2028',
  '\ufeff',
  'Ada',
  'x',
  '&amp;',
  '&lt;',
  '&#x41;',
  '&nbsp;',
  '&',
  ';',
);
const payload = fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join(''));

describe('cue text', () => {
  it('agrees with the regexes it replaces on every short payload', () => {
    fc.assert(
      fc.property(payload, (text) => {
        expect(cueText(text)).toEqual(regexCueText(text));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['<v Ada>Hello</v>', 'Ada', 'Hello'],
    ['<v.loud.x Dr. Ada Lovelace>Hi', 'Dr. Ada Lovelace', 'Hi'],
    ['<v\tAda\n Lovelace>Hi', 'Ada Lovelace', 'Hi'],
    // A voice without a name is passed over for the next one.
    ['<v >one <v Bob>two', 'Bob', 'one two'],
    // Only whitespace after the voice: a voice with an empty name, and the search stops there.
    ['<v   >one <v Bob>two', null, 'one two'],
    ['<v.loud>one <v.x Bob>two', 'Bob', 'one two'],
    // A tag runs to the first `>`, even across a `<`; the voice inside it is still a voice.
    ['<b <v Bob>two', 'Bob', 'two'],
    ['<video src>x <v Ada &amp; Bob>y', 'Ada & Bob', 'x y'],
    ['a < b and c > d', null, 'a d'],
    ['1 < 2', null, '1 < 2'],
    // Names of Object's own properties are no entities.
    ['&constructor; &toString;', null, '&constructor; &toString;'],
  ])('%j: speaker %j, text %j', (input, speaker, text) => {
    expect(cueText(input)).toEqual({ speaker, text });
  });

  it('cuts a long cue at maxCueTextLength, and a long speaker at maxSpeakerLength', () => {
    const words = 'word '.repeat(2000);
    expect(cueText(`<v ${words}>${words}`)).toEqual({
      speaker: words.slice(0, maxSpeakerLength).trimEnd(),
      text: words.slice(0, maxCueTextLength).trimEnd(),
    });
  });

  it('never cuts a character in two', () => {
    const text = `${'a'.repeat(maxCueTextLength - 1)}\u{1F600}tail`;
    expect(cueText(text).text).toBe('a'.repeat(maxCueTextLength - 1));
  });
});
