import cliProgress from 'cli-progress';
import type { CliIo } from './io.js';

export interface Progress {
  advance(by: number): void;
  stop(): void;
}

/**
 * A progress bar for a person at a terminal; nothing for pipes and logs, which get the summary line instead
 * (a redrawn bar would fill them with control characters).
 */
export function progressFor(io: CliIo, total: number, label: string): Progress {
  if (!io.isTTY || !io.progressStream || total < 2) return { advance: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: io.progressStream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let done = 0;
  return {
    advance: (by) => {
      done += by;
      bar.update(done);
    },
    stop: () => bar.stop(),
  };
}
