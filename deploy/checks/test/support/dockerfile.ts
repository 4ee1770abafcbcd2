import { readRepoFile } from './repo.js';

/** One instruction of a Dockerfile, continuation lines joined: `RUN a \` + `b` -> { keyword: 'RUN', args: 'a b' }. */
export interface Instruction {
  keyword: string;
  args: string;
}

/** A build stage: its FROM (image or earlier stage), its name (`AS name`) and what follows until the next FROM. */
export interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARGs declared before the first FROM (usable in FROM lines). */
  globalArgs: string[];
  stages: Stage[];
}

export const dockerfilePath = 'Dockerfile';

/** The repository's Dockerfile, parsed. Docker cannot run here; the checks read it. */
export function readDockerfile(): Dockerfile {
  return parseDockerfile(readRepoFile(dockerfilePath));
}

export function parseDockerfile(text: string): Dockerfile {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    // Comment and empty lines never end an instruction (Docker drops them, even between continuation lines).
    if (line.startsWith('#') || line === '') continue;
    pending += `${pending ? ' ' : ''}${line.replace(/\\$/, '').trim()}`;
    if (line.endsWith('\\')) continue;
    const [keyword = '', ...rest] = pending.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' ') });
    pending = '';
  }
  const dockerfile: Dockerfile = { globalArgs: [], stages: [] };
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [from = '', as, name] = instruction.args.split(/\s+/);
      dockerfile.stages.push({
        from,
        name: as?.toUpperCase() === 'AS' ? name : undefined,
        instructions: [],
      });
    } else if (dockerfile.stages.length === 0) {
      if (instruction.keyword === 'ARG') dockerfile.globalArgs.push(instruction.args.split('=')[0]!);
    } else {
      dockerfile.stages.at(-1)!.instructions.push(instruction);
    }
  }
  return dockerfile;
}

/** The stage called `name`; fails naming it when the Dockerfile has none. */
export function stageNamed(dockerfile: Dockerfile, name: string): Stage {
  const stage = dockerfile.stages.find((candidate) => candidate.name === name);
  if (!stage) throw new Error(`${dockerfilePath} has no stage "${name}"`);
  return stage;
}

/** The arguments of every `keyword` instruction of a stage, in order. */
export function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

/** The Node version of the images: the tag of `node:<version>-...` in the FROM lines, which must all agree. */
export function nodeVersionOf(dockerfile: Dockerfile): string {
  const versions = new Set(
    dockerfile.stages.flatMap((stage) => /^node:(\d+\.\d+\.\d+)-/.exec(stage.from)?.[1] ?? []),
  );
  if (versions.size !== 1) {
    throw new Error(
      `${dockerfilePath}: expected one node:<major.minor.patch>-... base image, found ${[...versions].join(', ') || 'none'}`,
    );
  }
  return [...versions][0]!;
}
