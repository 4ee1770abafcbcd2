const width = 110;

/** A doc string as a JSDoc comment at `indent`, wrapped to the repository's line width; '' without a doc. */
export function jsDoc(doc: string | undefined, indent: string): string {
  if (doc === undefined || doc.trim() === '') return '';
  // A doc that contained "*/" would end the comment early.
  const text = doc.trim().replaceAll('*/', '*\\/');
  const oneLine = `${indent}/** ${text} */`;
  if (oneLine.length <= width) return `${oneLine}\n`;
  const lines = wrap(text, width - indent.length - 3);
  return `${indent}/**\n${lines.map((line) => `${indent} * ${line}`).join('\n')}\n${indent} */\n`;
}

/** Words of `text` in lines of at most `lineWidth` characters (a longer word gets a line of its own). */
export function wrap(text: string, lineWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > lineWidth) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
