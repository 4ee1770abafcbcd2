import { readdir, readFile } from 'node:fs/promises';

/**
 * Memory of the node process that actually runs a service. `npx tsx src/main.ts` is a chain of processes:
 *
 *   npm exec tsx ...                        (npx, node)
 *   └─ sh -c tsx ...
 *      └─ node .../.bin/tsx ...             (tsx's launcher, node)
 *         ├─ esbuild --service              (tsx's compiler)
 *         └─ node --require .../preflight.cjs --import .../loader.mjs ... src/main.ts   <- the service
 *
 * Three of them are node processes with the entry file in their arguments; the service is the deepest one
 * below the spawned pid. It is found from /proc/<pid>/stat (parent pid) and /proc/<pid>/cmdline (Linux only).
 */

interface ProcessInfo {
  ppid: number;
  args: string;
}

export interface MemorySample {
  /** Resident set size now (VmRSS). */
  rssBytes: number;
  /** The kernel's high-water mark of the resident set since the process started (VmHWM). */
  hwmBytes: number;
}

export async function findServiceProcess(rootPid: number, entry: string): Promise<number | undefined> {
  const table = await processTable();
  const children = new Map<number, number[]>();
  for (const [pid, info] of table) children.set(info.ppid, [...(children.get(info.ppid) ?? []), pid]);

  let found: { pid: number; depth: number } | undefined;
  const visit = (pid: number, depth: number): void => {
    if (table.get(pid)?.args.includes(entry) && (!found || depth > found.depth)) found = { pid, depth };
    for (const child of children.get(pid) ?? []) visit(child, depth + 1);
  };
  visit(rootPid, 0);
  return found?.pid;
}

export async function readMemory(pid: number): Promise<MemorySample> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssBytes: kib('VmRSS') * 1024, hwmBytes: kib('VmHWM') * 1024 };
}

export interface MemoryOverRun {
  pid: number;
  /** VmRSS at the last sample, i.e. at the end of the load. */
  lastRssBytes: number;
  /** The largest VmRSS sampled during the load. */
  peakRssBytes: number;
  /** VmHWM at the end: the peak since the process started, start-up included. */
  hwmBytes: number;
  samples: number;
}

/** Samples VmRSS every `intervalMs` until stop(), which takes a final sample. */
export function sampleMemory(pid: number, intervalMs: number): { stop(): Promise<MemoryOverRun> } {
  const samples: MemorySample[] = [];
  const take = async () => {
    samples.push(await readMemory(pid));
  };
  const timer = setInterval(() => void take().catch(() => undefined), intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await take();
      const last = samples.at(-1)!;
      return {
        pid,
        lastRssBytes: last.rssBytes,
        peakRssBytes: Math.max(...samples.map((sample) => sample.rssBytes)),
        hwmBytes: last.hwmBytes,
        samples: samples.length,
      };
    },
  };
}

async function processTable(): Promise<Map<number, ProcessInfo>> {
  const table = new Map<number, ProcessInfo>();
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      // The command name (field 2) is in parentheses and may itself contain spaces or ')': the fields after
      // the last ')' are "state ppid ...".
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ');
      table.set(pid, { ppid, args });
    } catch {
      // The process ended while the table was read.
    }
  }
  return table;
}
