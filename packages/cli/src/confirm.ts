import { writeLine, type CliIo } from './io.js';

/** A yes/no question on the terminal; anything but y/yes is a no. */
export async function confirm(io: CliIo, question: string): Promise<boolean> {
  const answer = await io.prompt(`${question} [y/N] `);
  const yes = /^\s*y(es)?\s*$/i.test(answer);
  if (!yes) writeLine(io.stderr, 'not confirmed');
  return yes;
}
