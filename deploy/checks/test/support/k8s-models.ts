/**
 * Which maintained model describes a Kubernetes object, by its apiVersion and kind.
 *
 * The models come from the kubernetes-models family: `kubernetes-models` (generated from the Kubernetes
 * OpenAPI) and the packages generated from the CRDs of KEDA, Strimzi and the Prometheus Operator. Each model is
 * a module `<package>/<group>/<version>/<Kind>` (core objects: `kubernetes-models/<version>/<Kind>`) exporting
 * a class `<Kind>` whose `validate()` runs the schema compiled from that OpenAPI/CRD, and an interface
 * `I<Kind>` with the same fields.
 */

/** API groups served by CRDs, and the package generated from those CRDs. Every other group is Kubernetes'. */
const crdPackages: Record<string, string> = {
  'keda.sh': '@kubernetes-models/keda',
  'kafka.strimzi.io': '@kubernetes-models/strimzi-kafka-operator',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

const kubernetesPackage = 'kubernetes-models';

/** Where a model lives: the module to import and the interface it exports for the object's fields. */
export interface ModelRef {
  apiVersion: string;
  kind: string;
  module: string;
  typeName: string;
}

interface ModelClass {
  new (data: unknown): { validate(): void };
}

export function modelRef(apiVersion: string, kind: string): ModelRef {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const modelPackage = crdPackages[group] ?? kubernetesPackage;
  const module =
    group === '' ? `${modelPackage}/${version}/${kind}` : `${modelPackage}/${group}/${version}/${kind}`;
  return { apiVersion, kind, module, typeName: `I${kind}` };
}

export type ModelLookup = { found: true; model: ModelClass } | { found: false; reason: string };

const loaded = new Map<string, Promise<ModelLookup>>();

/** The model class of an apiVersion/kind, or why there is none (an unknown kind never passes silently). */
export function loadModel(ref: ModelRef): Promise<ModelLookup> {
  let lookup = loaded.get(ref.module);
  if (!lookup) {
    lookup = importModel(ref);
    loaded.set(ref.module, lookup);
  }
  return lookup;
}

async function importModel(ref: ModelRef): Promise<ModelLookup> {
  const noSchema = `no schema for apiVersion ${ref.apiVersion} kind ${ref.kind}`;
  let exports: Record<string, unknown>;
  try {
    exports = (await import(/* @vite-ignore */ ref.module)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
      return { found: false, reason: `${noSchema} (looked for ${ref.module})` };
    }
    // Any other failure is the model package itself failing to load: say so rather than call the kind unknown.
    return { found: false, reason: `${noSchema}: loading ${ref.module} failed: ${String(error)}` };
  }
  const model = exports[ref.kind];
  if (typeof model !== 'function') {
    return { found: false, reason: `${noSchema} (${ref.module} exports no class ${ref.kind})` };
  }
  return { found: true, model: model as ModelClass };
}

/** Runs the model's compiled schema: types, required fields, enums and patterns. Returns the error, if any. */
export function schemaError(model: ModelClass, object: unknown): string | undefined {
  try {
    new model(object).validate();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
