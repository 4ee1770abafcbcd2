import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Every line the command prints is appended here, so a failure can be read in full afterwards. */
  logFile: string;
  timeoutMs: number;
}

/**
 * Runs a command to its end; resolves with what it printed, rejects with the exit code, the log file and the
 * last lines it printed (a failed build must say why without a rerun).
 */
export function runCommand(command: string, args: string[], options: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    appendFileSync(options.logFile, `$ ${[command, ...args].join(' ')}  (in ${options.cwd})\n`);
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
      appendFileSync(options.logFile, chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(output);
      const why = signal ? `was killed (${signal}, limit ${options.timeoutMs} ms)` : `exited with ${code}`;
      reject(
        new Error(
          `${command} ${args.join(' ')} ${why}; full log: ${options.logFile}\n${output.slice(-4000)}`,
        ),
      );
    });
  });
}
