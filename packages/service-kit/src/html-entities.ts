/**
 * The named character references that text from any HTML-like source carries: the five that escape markup's
 * own characters, and the no-break space (read as a plain space: the text is searched and shown, not laid
 * out). A decoder spreads this into its own table and adds the names its senders use.
 */
export const commonNamedEntities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};
