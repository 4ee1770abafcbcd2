import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/**
 * CPU a process has used: user + system time from /proc/<pid>/stat (Linux only). On two shared cores the
 * broker and the load generator take CPU from the server under test, so throughput alone says little; CPU
 * seconds per accepted request is what the server itself costs, whatever else runs.
 */

/** Clock ticks per second, the unit of utime and stime (almost always 100). */
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of `pid` so far, in seconds. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may contain spaces: fields 14 and 15 (utime, stime) are
  // the 12th and 13th after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** Starts counting now; stop() resolves with the CPU seconds `pid` used in between. */
export async function measureCpu(pid: number): Promise<{ stop(): Promise<number> }> {
  const before = await cpuSeconds(pid);
  return { stop: async () => (await cpuSeconds(pid)) - before };
}
