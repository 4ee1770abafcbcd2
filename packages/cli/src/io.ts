/** Where a command writes; tests pass collectors, main.ts passes the process' streams. */
export interface TextOutput {
  write(chunk: string): unknown;
}

/**
 * Everything a command takes from its surroundings, so tests run the commands in-process with their own
 * environment, working directory, terminal answer and clock.
 */
export interface CliIo {
  stdout: TextOutput;
  stderr: TextOutput;
  env: NodeJS.ProcessEnv;
  /** Relative paths given on the command line are resolved against this. */
  cwd: string;
  /** Whether a person is at a terminal: confirmation prompts and progress bars only then. */
  isTTY: boolean;
  /** Asks a question on the terminal and resolves with the answer line. */
  prompt: (question: string) => Promise<string>;
  /** Where a progress bar draws (only used when isTTY). */
  progressStream: NodeJS.WritableStream | undefined;
  now: () => number;
}

export function writeLine(out: TextOutput, line = ''): void {
  out.write(`${line}\n`);
}
