import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';

type Parsed<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/** node:util parseArgs, strict, with its complaints turned into usage errors that name the command. */
export function parseCommandLine<T extends Omit<ParseArgsConfig, 'args' | 'strict' | 'allowPositionals'>>(
  command: string,
  args: string[],
  config: T,
): Parsed<T & { args: string[]; strict: true; allowPositionals: true }> {
  try {
    return parseArgs({ ...config, args, strict: true, allowPositionals: true });
  } catch (error) {
    // parseArgs' messages are precise ("Unknown option '--foo'") but mention its own API; keep the first line.
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/, ''), command);
  }
}

/** A whole positive number option, or the default. */
export function positiveInteger(
  value: string | undefined,
  name: string,
  command: string,
  fallback?: number,
): number | undefined {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`--${name} must be a whole number of at least 1, not "${value}"`, command);
  }
  return Number(value);
}

export function requirePositionals(positionals: string[], names: string[], command: string): string[] {
  if (positionals.length < names.length) {
    const missing = names.slice(positionals.length).map((name) => `<${name}>`);
    throw new UsageError(`missing ${missing.join(' ')}`, command);
  }
  if (positionals.length > names.length) {
    throw new UsageError(`unexpected argument "${positionals[names.length]}"`, command);
  }
  return positionals;
}
