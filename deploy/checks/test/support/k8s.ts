import { parseAllDocuments } from 'yaml';
import { filesUnder, readRepoFile } from './repo.js';

export const k8sFolder = 'deploy/k8s';

export interface Manifest {
  file: string;
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // Kubernetes objects are deeply nested; the checks read what they need through the typed helpers below.
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: Record<string, { name: string; key: string }> }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: SecurityContext;
  volumeMounts?: { name: string; mountPath: string }[];
}

export interface Probe {
  httpGet?: { path: string; port: string | number };
}

export interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[] };
}

/** Every YAML document under deploy/k8s (secrets/*.example.yaml included), with the file it came from. */
export function loadManifests(): Manifest[] {
  return manifestFiles().flatMap((file) =>
    parseAllDocuments(readRepoFile(file)).flatMap((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      const value = doc.toJS() as Manifest | null;
      return value ? [{ ...value, file }] : [];
    }),
  );
}

export function manifestFiles(): string[] {
  return filesUnder(k8sFolder, (name) => /\.ya?ml$/.test(name));
}

export function find(manifests: Manifest[], kind: string, name: string): Manifest | undefined {
  return manifests.find((m) => m.kind === kind && m.metadata.name === name);
}

/** The environment a container gets: explicit `env`, then every key of the ConfigMaps and Secrets in `envFrom`. */
export function containerEnvironment(
  container: Container,
  manifests: Manifest[],
): { env: Record<string, string>; missingRefs: string[] } {
  const env: Record<string, string> = {};
  const missingRefs: string[] = [];
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef
      ? { kind: 'ConfigMap', name: source.configMapRef.name }
      : { kind: 'Secret', name: source.secretRef!.name };
    const object = find(manifests, ref.kind, ref.name);
    if (!object) {
      missingRefs.push(`${ref.kind} ${ref.name}`);
      continue;
    }
    Object.assign(env, object.data ?? {}, object.stringData ?? {});
  }
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom?.configMapKeyRef ?? variable.valueFrom?.secretKeyRef;
    if (from) {
      const kind = variable.valueFrom?.configMapKeyRef ? 'ConfigMap' : 'Secret';
      const object = find(manifests, kind, from.name);
      const value = object?.data?.[from.key] ?? object?.stringData?.[from.key];
      if (value === undefined) missingRefs.push(`${kind} ${from.name} key ${from.key}`);
      env[variable.name] = value ?? '';
    } else {
      env[variable.name] = variable.value ?? '';
    }
  }
  return { env, missingRefs };
}

export function podContainers(workload: Manifest): Container[] {
  return (workload.spec?.template?.spec?.containers ?? []) as Container[];
}
