import { execFileSync } from 'node:child_process';
import { parse, parseAllDocuments } from 'yaml';
import { filesUnder, readRepoFile, repoPath, repoFileExists } from './repo.js';

export const k8sFolder = 'deploy/k8s';
/** Applied once per cluster: the namespace and the inlet-platform ConfigMap every unit reads. */
export const platformFolder = `${k8sFolder}/platform`;
export const environments = ['staging', 'prod'] as const;
export type Environment = (typeof environments)[number];

export interface Manifest {
  /** The file it was read from, or the kustomization folder it was rendered from. */
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
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
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

export interface Volume {
  name: string;
  secret?: { secretName: string; items?: { key: string; path: string }[] };
  configMap?: { name: string; items?: { key: string; path: string }[] };
  emptyDir?: object;
}

/** A service's release unit: deploy/k8s/<service>/base and its overlays. */
export interface ReleaseUnit {
  service: string;
  folder: string;
  base: string;
  overlays: Record<Environment, string>;
  /** Where the Secrets the unit needs but never applies are described, with empty values. */
  exampleSecrets: string;
}

export function releaseUnit(service: string): ReleaseUnit {
  const folder = `${k8sFolder}/${service}`;
  return {
    service,
    folder,
    base: `${folder}/base`,
    overlays: { staging: `${folder}/overlays/staging`, prod: `${folder}/overlays/prod` },
    exampleSecrets: `${folder}/secrets.example.yaml`,
  };
}

/** Every folder under deploy/k8s that holds a kustomization.yaml, with its kind (Kustomization or Component). */
export function kustomizations(): { folder: string; kind: string; resources: string[] }[] {
  return filesUnder(k8sFolder, (name) => name === 'kustomization.yaml').map((file) => {
    const doc = parse(readRepoFile(file)) as { kind?: string; resources?: string[] };
    return {
      folder: file.slice(0, -'/kustomization.yaml'.length),
      kind: doc.kind ?? 'Kustomization',
      resources: doc.resources ?? [],
    };
  });
}

const rendered = new Map<string, Manifest[]>();

/** `kubectl kustomize <folder>`, parsed; each object's `file` is the folder. Cached: rendering is pure. */
export function render(folder: string): Manifest[] {
  const cached = rendered.get(folder);
  if (cached) return cached;
  const text = execFileSync('kubectl', ['kustomize', repoPath(folder)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const manifests = parseDocuments(text, folder);
  rendered.set(folder, manifests);
  return manifests;
}

/** The Secrets a unit refers to but never applies: secrets.example.yaml files, values empty. */
export function exampleSecrets(file: string): Manifest[] {
  return repoFileExists(file) ? parseDocuments(readRepoFile(file), file) : [];
}

/** The `images` entry of a kustomization.yaml (the release's image of that overlay). */
export function kustomizationImages(folder: string): { name: string; newName?: string; newTag?: string }[] {
  const doc = parse(readRepoFile(`${folder}/kustomization.yaml`)) as {
    images?: { name: string; newName?: string; newTag?: string }[];
  };
  return doc.images ?? [];
}

function parseDocuments(text: string, file: string): Manifest[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value = doc.toJS() as Manifest | null;
    return value ? [{ ...value, file }] : [];
  });
}

/** Every YAML document under deploy/k8s as written (before kustomize), with the file it came from. */
export function loadManifests(): Manifest[] {
  return manifestFiles().flatMap((file) => parseDocuments(readRepoFile(file), file));
}

export function manifestFiles(): string[] {
  return filesUnder(k8sFolder, (name) => /\.ya?ml$/.test(name));
}

export function find(manifests: Manifest[], kind: string, name: string): Manifest | undefined {
  return manifests.find((m) => m.kind === kind && m.metadata.name === name);
}

export function ofKind(manifests: Manifest[], kind: string): Manifest[] {
  return manifests.filter((m) => m.kind === kind);
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

export function podVolumes(workload: Manifest): Volume[] {
  return (workload.spec?.template?.spec?.volumes ?? []) as Volume[];
}

/**
 * What a file path inside a container is: the Secret or ConfigMap key mounted there (a volume with `items`
 * maps key -> path; without, every key is a file of its own name). Undefined when nothing mounts it.
 */
export function mountedFile(
  workload: Manifest,
  container: Container,
  path: string,
): { kind: 'Secret' | 'ConfigMap'; name: string; key: string } | undefined {
  const mount = (container.volumeMounts ?? []).find((m) => path.startsWith(`${m.mountPath}/`));
  const volume = mount && podVolumes(workload).find((v) => v.name === mount.name);
  if (!mount || !volume) return undefined;
  const relative = path.slice(mount.mountPath.length + 1);
  const source = volume.secret
    ? { kind: 'Secret' as const, name: volume.secret.secretName, items: volume.secret.items }
    : volume.configMap
      ? { kind: 'ConfigMap' as const, name: volume.configMap.name, items: volume.configMap.items }
      : undefined;
  if (!source) return undefined;
  const key = source.items ? source.items.find((item) => item.path === relative)?.key : relative;
  return key ? { kind: source.kind, name: source.name, key } : undefined;
}

/** Every ConfigMap/Secret (and key, when one is named) a pod template refers to: env, envFrom and volumes. */
export function referencedObjects(workload: Manifest): { kind: string; name: string; key?: string }[] {
  const refs: { kind: string; name: string; key?: string }[] = [];
  for (const container of podContainers(workload)) {
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef) refs.push({ kind: 'ConfigMap', name: source.configMapRef.name });
      if (source.secretRef) refs.push({ kind: 'Secret', name: source.secretRef.name });
    }
    for (const variable of container.env ?? []) {
      const cm = variable.valueFrom?.configMapKeyRef;
      const secret = variable.valueFrom?.secretKeyRef;
      if (cm) refs.push({ kind: 'ConfigMap', name: cm.name, key: cm.key });
      if (secret) refs.push({ kind: 'Secret', name: secret.name, key: secret.key });
    }
  }
  for (const volume of podVolumes(workload)) {
    if (volume.secret) {
      const keys = volume.secret.items?.map((item) => item.key) ?? [undefined];
      for (const key of keys) refs.push({ kind: 'Secret', name: volume.secret.secretName, key });
    }
    if (volume.configMap) {
      const keys = volume.configMap.items?.map((item) => item.key) ?? [undefined];
      for (const key of keys) refs.push({ kind: 'ConfigMap', name: volume.configMap.name, key });
    }
  }
  return refs;
}

/** Does a `matchLabels` selector select pods with these labels? (An empty selector selects every pod.) */
export function selects(
  matchLabels: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  return Object.entries(matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}

/**
 * The variables of the Kafka connection (packages/kafka-connection) that services read outside their config
 * schema, each also as `<NAME>_FILE` for a mounted secret.
 */
export function isKafkaConnectionVariable(name: string): boolean {
  return /^KAFKA_(SECURITY_PROTOCOL|SSL_(CA|CERT|KEY)_FILE|SSL_KEY_PASSWORD|SASL_(MECHANISM|USERNAME|PASSWORD)|OAUTH_(TOKEN_URL|CLIENT_ID|CLIENT_SECRET|SCOPE))(_FILE)?$/.test(
    name,
  );
}
