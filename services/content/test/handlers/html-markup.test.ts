import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  replaceComments,
  replaceHiddenElements,
  replaceInlineTags,
  replaceOtherTags,
} from '../../src/handlers/html-markup.js';

// The regexes the scanners replace, kept as the reference they must agree with. Their time grows with the
// square of the input, so they only ever see the short inputs generated below.
const regexes = {
  comments: /<!--[\s\S]*?-->/g,
  hiddenElements: /<(script|style|template|noscript|head|svg)\b[^>]*>[\s\S]*?<\/\1\s*>/gi,
  inlineTags:
    /<\/?(?:a|abbr|b|bdi|bdo|cite|code|data|dfn|em|font|i|kbd|mark|q|s|samp|small|span|strike|strong|sub|sup|time|u|var|wbr)\b(?:"[^"]*"|'[^']*'|[^'">])*>/gi,
  otherTags: /<\/?[a-zA-Z](?:"[^"]*"|'[^']*'|[^'">])*>|<![^>]*>|<\?[^>]*>/g,
};

// Pieces of tags, broken tags, quotes and element names in both cases, so that short inputs meet every
// corner: quotes that never close, closings with spaces, names that only start like an inline one.
const piece = fc.constantFrom(
  '<',
  '>',
  '</',
  '/',
  '<!--',
  '-->',
  '--',
  '<!',
  '<?',
  '"',
  "'",
  '=',
  ' ',
  '\n',
  'a',
  'A',
  'abbr',
  'b',
  'bx',
  'b1',
  'p',
  'P',
  'span',
  'script',
  'SCRIPT',
  'style',
  'svg',
  'head',
  '-',
  '_',
  'x',
  '\u017f',
  '\u212a',
);
const markup = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(''));

describe('HTML markup scanners', () => {
  it.each([
    ['comments', replaceComments, regexes.comments],
    ['hidden elements', replaceHiddenElements, regexes.hiddenElements],
    ['inline tags', replaceInlineTags, regexes.inlineTags],
    ['other tags', replaceOtherTags, regexes.otherTags],
  ] as const)('%s: replace exactly what the regex replaced', (_, scanner, regex) => {
    fc.assert(
      fc.property(markup, (html) => {
        expect(scanner(html, '#')).toBe(html.replace(regex, '#'));
      }),
      { numRuns: 4000 },
    );
  });

  it.each([
    ['<script>a</script><script>b</SCRIPT >c', replaceHiddenElements, '  c'],
    ['<style>a<script>b</style>c</script>', replaceHiddenElements, ' c</script>'],
    ['<script>never closed <style>x</style>', replaceHiddenElements, '<script>never closed  '],
    ['<scripts>x</scripts>', replaceHiddenElements, '<scripts>x</scripts>'],
    ['<a title="x>y">t</a><abbr>u</abbr><bx>', replaceInlineTags, ' t  u <bx>'],
    ['<p title="never closed>text', replaceOtherTags, '<p title="never closed>text'],
    ['<p title="x>y" a=\'"\'>t<!DOCTYPE html><?xml?>1 < 2', replaceOtherTags, ' t  1 < 2'],
  ] as const)('%j', (html, scanner, expected) => {
    expect(scanner(html, ' ')).toBe(expected);
  });
});
