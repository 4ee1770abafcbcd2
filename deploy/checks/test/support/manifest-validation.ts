import { loadModel, modelRef, schemaError, type ModelRef } from './k8s-models.js';
import { typeProblems, type TypedLiteral } from './typed-literals.js';
import type { RenderedObject } from './kustomize.js';

export interface ManifestProblem {
  /** Every kustomization folder or file that produced the object. */
  sources: string[];
  /** `Kind name`, or what is known of an object without them. */
  object: string;
  message: string;
}

interface Candidate {
  sources: string[];
  object: Record<string, unknown>;
  label: string;
}

/**
 * Validates objects against the maintained models: the model's compiled schema (types, required fields, enums,
 * patterns) and, through the TypeScript compiler, its interface (unknown fields). An object whose apiVersion and
 * kind no model covers is a problem, never a pass.
 */
export async function manifestProblems(rendered: RenderedObject[]): Promise<ManifestProblem[]> {
  const problems: ManifestProblem[] = [];
  const typed: (TypedLiteral & { candidate: Candidate })[] = [];

  for (const candidate of distinct(rendered)) {
    const { object, sources, label } = candidate;
    const problem = (message: string) => problems.push({ sources, object: label, message });
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
      problem('has no apiVersion and kind');
      continue;
    }
    const ref: ModelRef = modelRef(object.apiVersion, object.kind);
    const lookup = await loadModel(ref);
    if (!lookup.found) {
      problem(lookup.reason);
      continue;
    }
    const error = schemaError(lookup.model, object);
    if (error) problem(error);
    typed.push({ ref, value: object, candidate });
  }

  for (const { index, path, message } of typeProblems(typed)) {
    const candidate = typed[index]?.candidate;
    problems.push({
      sources: candidate?.sources ?? [],
      object: candidate?.label ?? 'the generated type check',
      message: path ? `${path}: ${message}` : message,
    });
  }
  return problems;
}

/** Objects rendered by several kustomizations (a base and its overlays) are checked once, naming every source. */
function distinct(rendered: RenderedObject[]): Candidate[] {
  const byContent = new Map<string, Candidate>();
  for (const { source, object } of rendered) {
    const key = JSON.stringify(object);
    const seen = byContent.get(key);
    if (seen) {
      if (!seen.sources.includes(source)) seen.sources.push(source);
      continue;
    }
    const record = (object ?? {}) as Record<string, unknown>;
    byContent.set(key, { sources: [source], object: record, label: describe(record) });
  }
  return [...byContent.values()];
}

function describe(object: Record<string, unknown>): string {
  const metadata = object.metadata as { name?: unknown; namespace?: unknown } | undefined;
  const kind = typeof object.kind === 'string' ? object.kind : '(no kind)';
  const name = typeof metadata?.name === 'string' ? metadata.name : '(no name)';
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '(no apiVersion)';
  return `${apiVersion} ${kind} ${name}`;
}

/** One line per problem, for an assertion message. */
export function formatProblems(problems: ManifestProblem[]): string {
  return problems.map((p) => `${p.sources.join(', ')}: ${p.object}: ${p.message}`).join('\n');
}
