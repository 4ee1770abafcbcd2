/**
 * Unknown fields, found by the TypeScript compiler against the models' own interfaces.
 *
 * Why the compiler: the validators that kubernetes-models ships are compiled from the OpenAPI/CRD schemas,
 * which leave objects open (`additionalProperties` unset), so `validate()` accepts a container with a misspelt
 * `livenessProbe`. None of the packages ships the raw JSON schemas either (only the compiled validators), so
 * there is no schema to close with `additionalProperties: false` without writing one ourselves. The packages do
 * ship an interface per object (`IDeployment`, `IScaledObject`, ...) generated from the same schemas, and
 * TypeScript's excess-property check on an object literal assigned to such a type rejects every key the
 * interface does not declare, at any depth, while maps the schema leaves open (labels, KEDA trigger metadata,
 * a KafkaTopic's config) stay index signatures and accept any key, exactly as the API server does. So each
 * object is type-checked as `const o: I<Kind> = <the object as a literal>`; no schema or rule is written here.
 */
import ts from 'typescript';
import { repoPath } from './repo.js';
import type { ModelRef } from './k8s-models.js';

export interface TypedLiteral {
  ref: ModelRef;
  value: unknown;
}

export interface TypeProblem {
  /** Index of the literal in the list given to `typeProblems`. */
  index: number;
  /** Where in the object, e.g. `spec.template.spec.containers[0].bogus` (empty for the object itself). */
  path: string;
  message: string;
}

// A virtual module inside deploy/checks, so that the model packages resolve from the repository's node_modules.
const virtualFile = repoPath('deploy/checks/test/__rendered_manifests__.ts');

const compilerOptions: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  lib: ['lib.es2022.d.ts'],
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
};

// The declarations of lib and the model packages never change during a run: parse each once, not per check.
const parsedFiles = new Map<string, ts.SourceFile | undefined>();

/** Type-checks every literal against its model's interface, in one compiler run. */
export function typeProblems(literals: TypedLiteral[]): TypeProblem[] {
  if (literals.length === 0) return [];
  const imports = literals.map(
    ({ ref }, i) => `import type { ${ref.typeName} as T${i} } from ${JSON.stringify(ref.module)};`,
  );
  const declarations = literals.map(
    ({ value }, i) => `export const o${i}: T${i} = ${JSON.stringify(value)};`,
  );
  const source = ts.createSourceFile(
    virtualFile,
    [...imports, ...declarations].join('\n'),
    ts.ScriptTarget.ES2022,
    true,
  );

  const host = ts.createCompilerHost(compilerOptions);
  const readSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, ...rest) => {
    if (name === virtualFile) return source;
    if (!parsedFiles.has(name)) parsedFiles.set(name, readSourceFile(name, ...rest));
    return parsedFiles.get(name);
  };
  host.fileExists = (name) => name === virtualFile || fileExists(name);
  const program = ts.createProgram([virtualFile], compilerOptions, host);

  return ts.getPreEmitDiagnostics(program, source).map((diagnostic) => {
    const start = diagnostic.start ?? 0;
    // Statement i (an import) and statement n + i (the literal) both belong to literal i.
    const statement = source.statements.findIndex((s) => start >= s.getStart(source) && start < s.getEnd());
    const index = statement < 0 ? -1 : statement % literals.length;
    const inLiteral = statement >= literals.length;
    return {
      index,
      path: inLiteral ? formatPath(pathAt(source.statements[statement]!, start, source)) : '',
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '),
    };
  });
}

type PathSegment = string | number;

/** The property names and array indexes leading to `position` inside a literal. */
function pathAt(node: ts.Node, position: number, source: ts.SourceFile): PathSegment[] {
  const path: PathSegment[] = [];
  let current = node;
  for (;;) {
    const parent = current;
    const child = ts.forEachChild(parent, (c) =>
      position >= c.getStart(source) && position < c.getEnd() ? c : undefined,
    );
    if (!child) return path;
    if (ts.isPropertyAssignment(child)) path.push(propertyName(child.name, source));
    if (ts.isArrayLiteralExpression(parent)) path.push(parent.elements.indexOf(child as ts.Expression));
    current = child;
  }
}

function propertyName(name: ts.PropertyName, source: ts.SourceFile): string {
  return ts.isStringLiteral(name) || ts.isIdentifier(name) || ts.isNumericLiteral(name)
    ? name.text
    : name.getText(source);
}

function formatPath(path: PathSegment[]): string {
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join('');
}
