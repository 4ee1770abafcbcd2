import { describe, expect, it } from 'vitest';
import { htmlToText, maxIndexedChars, storableText } from '../../src/handlers/html-text.js';

describe('htmlToText', () => {
  it('keeps what a reader sees of a Canvas discussion body: block tags separate words', () => {
    expect(htmlToText('<h3>Week 3</h3><p>Which organelle surprised you most, and why?</p>')).toBe(
      'Week 3 Which organelle surprised you most, and why?',
    );
  });

  it('inline tags do not split words; line breaks and images do separate them', () => {
    expect(htmlToText('ex<b>am</b>ple <a href="/x">link</a>ed<br>next<img src="a.png">word')).toBe(
      'example linked next word',
    );
  });

  it('drops comments, scripts, styles and their content', () => {
    expect(
      htmlToText(
        '<p>before</p><!-- a <b>note</b> --><script type="x">alert("<p>no</p>")</script><STYLE>p{}</style>after',
      ),
    ).toBe('before after');
  });

  it('a quoted ">" inside an attribute does not end the tag', () => {
    expect(htmlToText('<p title="a > b" data-x=\'c>d\'>text</p>')).toBe('text');
  });

  it('decodes entities after removing tags, so escaped markup stays text', () => {
    expect(htmlToText('Tom &amp; Jerry &lt;b&gt; &#233;t&#xE9; &nbsp;caf&eacute;&hellip; &unknown;')).toBe(
      'Tom & Jerry <b> été café… &unknown;',
    );
    expect(htmlToText('&Uuml;ber Fran&ccedil;ois &aring;&ntilde;&szlig; &xacute;')).toBe(
      'Über François åñß x\u0301',
    );
    expect(htmlToText('a&#0;b &#xD800; &#99999999;')).toBe('a\ufffdb \ufffd &#99999999;');
    // Names of Object's own properties are no entities.
    expect(htmlToText('&constructor; &toString; &__proto__;')).toBe('&constructor; &toString; &__proto__;');
  });

  it('plain text passes through with its whitespace collapsed; a lone "<" is text', () => {
    expect(htmlToText('  if a < b\n\n  and c >= d\t ')).toBe('if a < b and c >= d');
    expect(htmlToText(null)).toBeNull();
    expect(htmlToText('')).toBe('');
  });

  it('removes NUL characters, which PostgreSQL text cannot hold', () => {
    expect(htmlToText('nu\0ll')).toBe('null');
    expect(storableText('ti\0tle')).toBe('title');
    expect(storableText(null)).toBeNull();
  });

  it('cuts very long text to the indexed maximum without splitting a surrogate pair', () => {
    const long = `${'a'.repeat(maxIndexedChars - 1)}😀tail`;
    const text = htmlToText(long)!;
    expect(text.length).toBe(maxIndexedChars - 1);
    expect(htmlToText('b'.repeat(maxIndexedChars + 10))!.length).toBe(maxIndexedChars);
  });
});
