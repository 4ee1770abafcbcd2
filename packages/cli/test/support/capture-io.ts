import type { CliIo } from '../../src/index.js';

export interface CapturedIo extends Partial<CliIo> {
  out(): string;
  err(): string;
}

/** An in-process terminal for runCli: output is collected, the environment is only what the test gives. */
export function captureIo(overrides: Partial<CliIo> = {}): CapturedIo {
  let stdout = '';
  let stderr = '';
  return {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: {},
    isTTY: false,
    progressStream: undefined,
    prompt: () => Promise.reject(new Error('the test did not expect a prompt')),
    ...overrides,
    out: () => stdout,
    err: () => stderr,
  };
}
