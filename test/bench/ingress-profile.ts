// Summarises a V8 CPU profile (.cpuprofile, from `node --cpu-prof`) by package: where the process spent its
// CPU (self time: the function on top of the stack) and what it spent it under (inclusive time: the function
// or package anywhere on the stack, counted once per sample). `npm run bench:ingress -- --cpu-prof <dir>`
// (from test/) writes each ingress's profile and the window of its measured load in a folder per target; then
//
//   cd test && npx tsx bench/ingress-profile.ts <dir>/ingress-tracing-on [rows]
//
// summarises the samples of the measured load only (start-up and idling left out).
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Written by the bench next to each profile: when the target's measured load ran, and its 202s meanwhile. */
export const profileWindowFile = 'measured-windows.json';

export interface MeasuredWindows {
  windows: ProfileWindow[];
  /** 202s answered in the windows: the summary then also gives each line's microseconds per 202. */
  accepted: number;
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  /** Microseconds between a sample and the one before it. */
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Neither idle nor the profiler's own bookkeeping: the CPU the process actually used. */
  busyMs: number;
  selfByPackage: Map<string, number>;
  inclusiveByPackage: Map<string, number>;
  selfByFunction: Map<string, number>;
  inclusiveByFunction: Map<string, number>;
}

const notBusy = new Set(['(idle)', '(root)']);

/**
 * Which package a frame belongs to: the innermost node_modules package, a workspace folder of the repository
 * (packages/telemetry), node's own modules by their first path part (node:internal/http), or V8's own entries
 * ((garbage collector), (program)).
 */
export function packageOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) {
    const parts = url.slice('node:'.length).split('/');
    return `node:${parts[0] === 'internal' ? `internal/${parts[1] ?? ''}` : parts[0]}`.replace(/\.js$/, '');
  }
  const path = decodeURIComponent(url.replace(/^file:\/\//, ''));
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules !== -1) {
    const [first, second] = path.slice(inModules + '/node_modules/'.length).split('/');
    return first!.startsWith('@') ? `${first}/${second}` : first!;
  }
  const workspace = /\/(packages|services|deploy)\/([^/]+)\/|\/(schemas|test)\//.exec(path);
  if (workspace) return workspace[3] ?? `${workspace[1]}/${workspace[2]}`;
  return path;
}

/** "handler packages/telemetry/request-span.js:12": the function, its package and its file's name. */
function functionOf(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const file = frame.url.slice(frame.url.lastIndexOf('/') + 1);
  return `${name} ${packageOf(frame)}/${file}:${frame.lineNumber + 1}`;
}

/** Samples' timestamps are the monotonic clock's microseconds, the clock of the bench's window. */
export interface ProfileWindow {
  startMicros: number;
  endMicros: number;
}

export function summarise(profile: CpuProfile, windows?: ProfileWindow[]): ProfileSummary {
  const outside = (at: number) =>
    windows !== undefined && !windows.some((window) => at >= window.startMicros && at <= window.endMicros);
  const selfMs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((nodeId, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (outside(at)) return;
    selfMs.set(nodeId, (selfMs.get(nodeId) ?? 0) + delta / 1000);
  });
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const summary: ProfileSummary = {
    totalMs: windows
      ? windows.reduce((total, window) => total + (window.endMicros - window.startMicros) / 1000, 0)
      : (profile.endTime - profile.startTime) / 1000,
    busyMs: 0,
    selfByPackage: new Map(),
    inclusiveByPackage: new Map(),
    selfByFunction: new Map(),
    inclusiveByFunction: new Map(),
  };

  // Depth-first over the call tree with the packages and functions on the current path, each counted as many
  // times as it appears (recursion): a node's self time is added once to every distinct one of them.
  const onPath = { packages: new Map<string, number>(), functions: new Map<string, number>() };
  const enter = (map: Map<string, number>, key: string, by: number) => {
    const count = (map.get(key) ?? 0) + by;
    if (count === 0) map.delete(key);
    else map.set(key, count);
  };
  const root = profile.nodes[0]!;
  const stack: { node: ProfileNode; leaving: boolean }[] = [{ node: root, leaving: false }];
  while (stack.length > 0) {
    const { node, leaving } = stack.pop()!;
    const pkg = packageOf(node.callFrame);
    const fn = functionOf(node.callFrame);
    if (leaving) {
      enter(onPath.packages, pkg, -1);
      enter(onPath.functions, fn, -1);
      continue;
    }
    enter(onPath.packages, pkg, 1);
    enter(onPath.functions, fn, 1);
    const ms = selfMs.get(node.id) ?? 0;
    if (ms > 0 && !notBusy.has(node.callFrame.functionName)) {
      summary.busyMs += ms;
      add(summary.selfByPackage, pkg, ms);
      add(summary.selfByFunction, fn, ms);
      for (const key of onPath.packages.keys()) add(summary.inclusiveByPackage, key, ms);
      for (const key of onPath.functions.keys()) add(summary.inclusiveByFunction, key, ms);
    }
    stack.push({ node, leaving: true });
    for (const child of node.children ?? []) stack.push({ node: nodes.get(child)!, leaving: false });
  }
  return summary;
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

export function formatSummary(summary: ProfileSummary, rows: number, accepted?: number): string {
  const perAccepted = (ms: number) =>
    accepted ? `  ${((ms * 1000) / accepted).toFixed(1).padStart(6)} µs/202` : '';
  const section = (title: string, map: Map<string, number>) => [
    '',
    title,
    ...[...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, rows)
      .map(
        ([key, ms]) =>
          `  ${((ms / summary.busyMs) * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms` +
          `${perAccepted(ms)}  ${key}`,
      ),
  ];
  return [
    `profile: ${(summary.totalMs / 1000).toFixed(1)} s, busy ${(summary.busyMs / 1000).toFixed(1)} s ` +
      `(percentages are of busy time)${accepted ? `, ${accepted} 202s: ${perAccepted(summary.busyMs).trim()} busy` : ''}`,
    ...section('self time by package', summary.selfByPackage),
    ...section('inclusive time by package', summary.inclusiveByPackage),
    ...section('self time by function', summary.selfByFunction),
    ...section('inclusive time by function', summary.inclusiveByFunction),
  ].join('\n');
}

/** A .cpuprofile file, or a folder holding one; the bench's window file next to it, when there is one. */
async function readProfile(path: string): Promise<{ profile: CpuProfile; measured?: MeasuredWindows }> {
  let file = path;
  if ((await stat(path)).isDirectory()) {
    const profiles = (await readdir(path)).filter((name) => name.endsWith('.cpuprofile'));
    if (profiles.length !== 1) throw new Error(`${path} holds ${profiles.length} .cpuprofile files, not one`);
    file = join(path, profiles[0]!);
  }
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const windowFile = join(dirname(file), profileWindowFile);
  if (!existsSync(windowFile)) return { profile };
  return { profile, measured: JSON.parse(await readFile(windowFile, 'utf8')) as MeasuredWindows };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [path, rows = '25'] = process.argv.slice(2);
  if (!path) {
    console.error('usage: tsx bench/ingress-profile.ts <file.cpuprofile | folder> [rows]');
    process.exit(64);
  }
  const { profile, measured } = await readProfile(path);
  console.log(measured ? 'the measured load only' : `the whole profile (no ${profileWindowFile} next to it)`);
  console.log(formatSummary(summarise(profile, measured?.windows), Number(rows), measured?.accepted));
}
