import { describe, expect, it } from 'vitest';
import { maxIndexedChars } from '../../src/handlers/html-text.js';
import { useOffThread } from '@inlet/test-harness';

// Bodies whose markup a backtracking regex reads in time growing with the square of its length, at the
// size the ingress accepts (BODY_LIMIT_BYTES, 1 MB). htmlToText runs on a worker thread (OffThread, from
// @inlet/test-harness), so the test's own timeout is the only clock: a scanner that went quadratic again fails
// here in seconds instead of holding the run for minutes. No timing is asserted.

const oneMegabyte = 1024 * 1024;
const budget = 10_000;

/** `unit` repeated to exactly `length` characters. */
const fill = (unit: string, length = oneMegabyte) =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

// Markup that never closes stays text, cut at maxIndexedChars.
const unclosed = [
  ['comments that never close', '<!--'],
  ['script elements opened without a `>`', '<script'],
  ['inline tags without a `>`', '<a '],
  ['inline tags with a quote that never closes', '<b "'],
  ['inline tags with closed quotes and no `>`', '<span title="x" '],
  ['block tags without a `>`', '<p '],
  ["block tags with a ' that never closes", "<p '"],
  ['declarations without a `>`', '<!'],
  ['processing instructions without a `>`', '<?'],
];

describe('hostile HTML bodies are read in linear time', () => {
  const htmlText = new URL('../../src/handlers/html-text.ts', import.meta.url);
  const thread = useOffThread(htmlText);

  /** htmlToText, on the worker. */
  const htmlToTextOffThread = (html: string) => thread.call<string | null>(htmlText, 'htmlToText', html);

  it.each(unclosed)(
    '1 MB of %s',
    async (_, unit) => {
      expect(await htmlToTextOffThread(fill(unit))).toBe(fill(unit, maxIndexedChars));
    },
    budget,
  );

  it(
    '1 MB of script elements that never close: each opening tag is still a tag',
    async () => {
      expect(await htmlToTextOffThread(fill('<script>'))).toBe('');
    },
    budget,
  );

  it(
    '1 MB of ordinary markup',
    async () => {
      const html = fill('<p class="x">Word <b>bold</b> &amp; more</p><!-- c --><script>x()</script>');
      expect(await htmlToTextOffThread(html)).toBe(fill('Word bold & more ', maxIndexedChars));
    },
    budget,
  );
});
