/**
 * The two kinds of trouble a command reports without a stack trace: the command line itself is wrong (exit 2,
 * with a pointer to --help), or the work failed (exit 1). Anything else is a bug and is reported the same way
 * as a failure, with its stack only when INLET_DEBUG is set.
 */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    /** The command whose --help explains the right usage, e.g. "dlq replay". */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export class CliFailure extends Error {
  readonly exitCode = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliFailure';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
