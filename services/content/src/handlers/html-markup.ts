// Finds and replaces HTML markup in one forward pass per kind, in time linear in the body's length. The
// regexes these replace (`<!--[\s\S]*?-->`, `<a\b(?:"[^"]*"|'[^']*'|[^'">])*>`, ...) rescan the rest of the body
// from every tag start that never closes, so a 1 MB body of `<a ` held the consumer for many minutes. Each
// scanner here matches exactly what its regex did, as String.replace with the global flag would: leftmost
// match first, the search resuming after it, a failed start skipped by one character.

const inlineNames = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
]);

/** `<!-- ... -->`, replaced. */
export function replaceComments(html: string, replacement: string): string {
  const out = new Output(html);
  for (let open = html.indexOf('<!--'); open !== -1; open = html.indexOf('<!--', open)) {
    const close = html.indexOf('-->', open + 4);
    // Without a `-->` after this one, no later comment can close either.
    if (close === -1) break;
    out.replace(open, close + 3, replacement);
    open = close + 3;
  }
  return out.done();
}

/**
 * `<script ...>` up to its own closing tag (`</script >`, any case), and the same for style, template,
 * noscript, head and svg: elements whose content a reader does not see. Replaced, content and all.
 */
export function replaceHiddenElements(html: string, replacement: string): string {
  const out = new Output(html);
  const opening = /<(script|style|template|noscript|head|svg)\b/gi;
  const gt = new NextIndex(html, '>');
  // Per element name, where its first closing tag after the latest search lies (null: there is none).
  const closings = new Map<string, Closing | null>();
  for (let start = opening.exec(html); start !== null; start = opening.exec(html)) {
    const name = start[1]!.toLowerCase();
    const tagEnd = gt.from(start.index + start[0].length);
    // No `>` after this opening, so none after any later one: nothing more can match.
    if (tagEnd === -1) break;
    const closing = closingAfter(html, name, tagEnd + 1, closings);
    if (closing === null) {
      opening.lastIndex = start.index + 1;
      continue;
    }
    out.replace(start.index, closing.end, replacement);
    opening.lastIndex = closing.end;
  }
  return out.done();
}

interface Closing {
  at: number;
  end: number;
}

/** The first `</name>` at or after `from`; `from` only grows per name, so the answer is reused while ahead. */
function closingAfter(
  html: string,
  name: string,
  from: number,
  closings: Map<string, Closing | null>,
): Closing | null {
  const known = closings.get(name);
  // A search from an earlier position found nothing, or found a closing tag still ahead: the same answer.
  if (known === null) return null;
  if (known !== undefined && known.at >= from) return known;
  const pattern = new RegExp(`</${name}\\s*>`, 'gi');
  pattern.lastIndex = from;
  const found = pattern.exec(html);
  const closing = found ? { at: found.index, end: found.index + found[0].length } : null;
  closings.set(name, closing);
  return closing;
}

/** Inline tags (`<b>`, `</a>`, `<span class="x">`, any case), replaced; quoted attribute values may hold `>`. */
export function replaceInlineTags(html: string, replacement: string): string {
  const ends = tagEnds(html);
  const out = new Output(html);
  for (let open = html.indexOf('<'); open !== -1; open = html.indexOf('<', open + 1)) {
    const nameStart = html[open + 1] === '/' ? open + 2 : open + 1;
    let nameEnd = nameStart;
    while (nameEnd < html.length && isWordCharacter(html.charCodeAt(nameEnd))) nameEnd++;
    if (!inlineNames.has(html.slice(nameStart, nameEnd).toLowerCase())) continue;
    const close = ends[nameEnd]!;
    if (close === -1) continue;
    out.replace(open, close + 1, replacement);
    open = close;
  }
  return out.done();
}

/**
 * Every other tag (`<p>`, `</div>`, `<br/>`, `<img src="a>b">`), `<!...>` (doctype, CDATA) and `<?...>`,
 * replaced. A `<` not followed by a letter, `/` and a letter, `!` or `?` is text.
 */
export function replaceOtherTags(html: string, replacement: string): string {
  const ends = tagEnds(html);
  const gt = new NextIndex(html, '>');
  const out = new Output(html);
  for (let open = html.indexOf('<'); open !== -1; open = html.indexOf('<', open + 1)) {
    const next = html[open + 1];
    let close = -1;
    if (next === '!' || next === '?') {
      close = gt.from(open + 2);
    } else {
      const letter = next === '/' ? open + 2 : open + 1;
      if (isLetter(html.charCodeAt(letter))) close = ends[letter + 1]!;
    }
    if (close === -1) continue;
    out.replace(open, close + 1, replacement);
    open = close;
  }
  return out.done();
}

/**
 * For each position, where a tag's attributes starting there end: the index of the first `>` outside a
 * quoted value, or -1 when a quote never closes or no `>` follows. Filled from the end, each position from
 * one further on, so every tag start gets its answer at once instead of rescanning the rest of the text.
 */
function tagEnds(text: string): Int32Array {
  const ends = new Int32Array(text.length + 1);
  ends[text.length] = -1;
  let nextDouble = -1;
  let nextSingle = -1;
  for (let i = text.length - 1; i >= 0; i--) {
    const char = text[i];
    if (char === '>') ends[i] = i;
    else if (char === '"') ends[i] = nextDouble === -1 ? -1 : ends[nextDouble + 1]!;
    else if (char === "'") ends[i] = nextSingle === -1 ? -1 : ends[nextSingle + 1]!;
    else ends[i] = ends[i + 1]!;
    if (char === '"') nextDouble = i;
    else if (char === "'") nextSingle = i;
  }
  return ends;
}

/** `\w` as regexes mean it without the u flag: ASCII letters, digits and `_`. */
function isWordCharacter(code: number): boolean {
  return isLetter(code) || (code >= 0x30 && code <= 0x39) || code === 0x5f;
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** The first index of `char` at or after a position; positions asked for only ever grow, so each is scanned once. */
class NextIndex {
  private found = -1;
  private exhausted = false;

  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {}

  from(position: number): number {
    if (this.exhausted) return -1;
    if (this.found < position) this.found = this.text.indexOf(this.char, position);
    if (this.found === -1) this.exhausted = true;
    return this.found;
  }
}

/** The text being rebuilt: the parts between replaced ranges, and the replacements. */
class Output {
  private readonly parts: string[] = [];
  private kept = 0;

  constructor(private readonly text: string) {}

  replace(start: number, end: number, replacement: string): void {
    this.parts.push(this.text.slice(this.kept, start), replacement);
    this.kept = end;
  }

  done(): string {
    this.parts.push(this.text.slice(this.kept));
    return this.parts.join('');
  }
}
