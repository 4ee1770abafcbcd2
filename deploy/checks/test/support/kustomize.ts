import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';
import { filesUnder, readRepoFile, repoRoot } from './repo.js';

const run = promisify(execFile);

/** The file names kustomize accepts for a kustomization, in its own order of preference. */
const kustomizationFileNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export interface RenderedObject {
  /** Where it came from: the kustomization folder, or the file of a standalone manifest. */
  source: string;
  object: unknown;
}

/**
 * Every folder under `root` that holds a kustomization which renders alone: bases, overlays and the old flat
 * layout alike. A `kind: Component` is skipped: kustomize renders it only as part of a kustomization that lists it.
 */
export function renderableKustomizations(root: string): string[] {
  return filesUnder(root, (name) => kustomizationFileNames.includes(name))
    .filter((file) => {
      const kustomization = parse(readRepoFile(file)) as { kind?: string } | null;
      return kustomization?.kind !== 'Component';
    })
    .map((file) => dirname(file))
    .sort();
}

/** `kubectl kustomize <folder>` (kustomize built into kubectl), as the objects it prints. */
export async function renderKustomization(folder: string): Promise<RenderedObject[]> {
  let stdout: string;
  try {
    ({ stdout } = await run('kubectl', ['kustomize', folder], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
    }));
  } catch (error) {
    const { code, stderr } = error as { code?: string | number; stderr?: string };
    if (code === 'ENOENT') {
      throw new Error(
        'kubectl is not on PATH: deploy/checks renders the kustomizations with `kubectl kustomize`',
      );
    }
    throw new Error(`kubectl kustomize ${folder} failed: ${stderr?.trim() || String(error)}`);
  }
  return yamlObjects(stdout, folder).map((object) => ({ source: folder, object }));
}

/**
 * Manifests applied on their own with `kubectl apply -f` rather than through a kustomization: the example
 * Secrets (`*.example.yaml`) that tell a team which Secret to create.
 */
export function standaloneManifests(root: string): RenderedObject[] {
  return filesUnder(root, (name) => name.endsWith('.example.yaml') || name.endsWith('.example.yml')).flatMap(
    (file) => yamlObjects(readRepoFile(file), file).map((object) => ({ source: file, object })),
  );
}

function yamlObjects(text: string, origin: string): unknown[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length > 0) {
      throw new Error(`${origin}: ${doc.errors.map((e) => e.message).join('; ')}`);
    }
    const value: unknown = doc.toJS();
    return value === null || value === undefined ? [] : [value];
  });
}
