import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readEnvSchema } from './support/config-schema.js';
import { envProblems } from './support/env-check.js';
import {
  containerEnvironment,
  find,
  k8sFolder,
  loadManifests,
  manifestFiles,
  podContainers,
  type Container,
  type Manifest,
} from './support/k8s.js';
import { readRepoFile } from './support/repo.js';
import { serviceFolders } from './support/services.js';
import { secretRefs } from './support/sources.js';

const manifests = loadManifests();
const services = serviceFolders();
const exampleSecret = (file: string) => file.startsWith(`${k8sFolder}/secrets/`);

/** The port a probe or Service names, as a number (a named port is looked up on the container). */
function portNumber(container: Container, port: string | number | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** The sources file the ingress reads: the ConfigMap key mounted at INLET_SOURCES_FILE. */
function ingressSourcesText(deployment: Manifest, container: Container): string | undefined {
  const path = containerEnvironment(container, manifests).env.INLET_SOURCES_FILE;
  const mount = container.volumeMounts?.find((m) => path?.startsWith(`${m.mountPath}/`));
  if (!path || !mount) return undefined;
  const volume = (deployment.spec.template.spec.volumes ?? []).find(
    (v: { name: string }) => v.name === mount.name,
  );
  const configMap = volume?.configMap as
    { name: string; items?: { key: string; path: string }[] } | undefined;
  if (!configMap) return undefined;
  const relative = path.slice(mount.mountPath.length + 1);
  const key = configMap.items ? configMap.items.find((item) => item.path === relative)?.key : relative;
  return key ? find(manifests, 'ConfigMap', configMap.name)?.data?.[key] : undefined;
}

describe('deploy/k8s', () => {
  it('parses every YAML document, in the namespace inlet', () => {
    expect(manifests.length).toBeGreaterThan(0);
    for (const manifest of manifests) {
      expect(manifest.kind, manifest.file).toBeTruthy();
      if (manifest.kind === 'Kustomization' || manifest.kind === 'Namespace') continue;
      expect(
        manifest.metadata.namespace,
        `${manifest.file}: ${manifest.kind} ${manifest.metadata.name}`,
      ).toBe('inlet');
    }
  });

  it('kustomization.yaml lists every manifest except the example Secrets, and nothing else', () => {
    const kustomization = parse(readRepoFile(`${k8sFolder}/kustomization.yaml`)) as { resources: string[] };
    const expected = manifestFiles()
      .filter((file) => !exampleSecret(file) && file !== `${k8sFolder}/kustomization.yaml`)
      .map((file) => file.slice(k8sFolder.length + 1));
    expect([...kustomization.resources].sort()).toEqual(expected.sort());
  });

  it('refers only to ConfigMaps and Secrets that exist (Secrets as secrets/*.example.yaml, never with values)', () => {
    for (const workload of manifests.filter((m) => ['Deployment', 'Job'].includes(m.kind))) {
      for (const container of podContainers(workload)) {
        expect(
          containerEnvironment(container, manifests).missingRefs,
          `${workload.file}: ${container.name}`,
        ).toEqual([]);
      }
    }
    for (const secret of manifests.filter((m) => m.kind === 'Secret')) {
      expect(exampleSecret(secret.file), `${secret.file}: Secrets belong in secrets/*.example.yaml`).toBe(
        true,
      );
      const values = Object.values({ ...secret.data, ...secret.stringData });
      expect(
        values.every((value) => value === ''),
        `${secret.file}: an example Secret holds a value`,
      ).toBe(true);
    }
  });

  describe.each(services.map((service) => [service.name, service] as const))('%s', (name, service) => {
    const deployment = () => {
      const found = find(manifests, 'Deployment', name);
      expect(found, `no Deployment "${name}" in ${k8sFolder}`).toBeDefined();
      return found!;
    };
    const container = () => {
      const containers = podContainers(deployment());
      expect(containers.map((c) => c.name)).toEqual([name]);
      return containers[0]!;
    };

    it('has a Deployment of its image whose container port is its default port and PORT', () => {
      expect(container().image).toMatch(new RegExp(`^inlet/${name}:`));
      expect(container().ports?.map((p) => p.containerPort)).toEqual([service.port]);
      expect(containerEnvironment(container(), manifests).env.PORT).toBe(String(service.port));
    });

    it('probes /health/live for liveness and /health/ready for readiness on that port', () => {
      const c = container();
      expect(c.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(c.readinessProbe?.httpGet?.path).toBe('/health/ready');
      expect(portNumber(c, c.livenessProbe?.httpGet?.port)).toBe(service.port);
      expect(portNumber(c, c.readinessProbe?.httpGet?.port)).toBe(service.port);
      if (c.startupProbe) expect(c.startupProbe.httpGet?.path).toBe('/health/live');
    });

    it('gets from its ConfigMaps and Secrets only variables its config schema declares, and every required one', () => {
      const c = container();
      const { env } = containerEnvironment(c, manifests);
      const sources = ingressSourcesText(deployment(), c);
      const sourcesSecrets = new Set(
        sources ? secretRefs(sources).flatMap((ref) => (ref.env ? [ref.env] : [])) : [],
      );
      expect(envProblems(env, readEnvSchema(service.dir), sourcesSecrets)).toEqual([]);
      expect(env.OTEL_SERVICE_NAME).toBe(name);
    });

    it('runs as a non-root uid without privilege escalation, root filesystem read-only', () => {
      const pod = deployment().spec.template.spec.securityContext ?? {};
      const c = container().securityContext ?? {};
      expect(c.runAsNonRoot ?? pod.runAsNonRoot).toBe(true);
      // The image's USER is a name (node); the kubelet can enforce runAsNonRoot only with a numeric uid.
      expect(c.runAsUser ?? pod.runAsUser).toBe(1000);
      expect(c.allowPrivilegeEscalation).toBe(false);
      expect(c.readOnlyRootFilesystem).toBe(true);
      expect(c.capabilities?.drop).toEqual(['ALL']);
    });

    it('requests CPU and memory and has a memory limit', () => {
      const resources = container().resources;
      expect(resources?.requests?.cpu).toBeTruthy();
      expect(resources?.requests?.memory).toBeTruthy();
      expect(resources?.limits?.memory).toBeTruthy();
    });

    it('has a Service on its port and a PodDisruptionBudget, both selecting its pods', () => {
      const podLabels = deployment().spec.template.metadata.labels as Record<string, string>;
      const selects = (selector: Record<string, string>) =>
        Object.entries(selector).every(([key, value]) => podLabels[key] === value);
      const svc = find(manifests, 'Service', name);
      expect(svc, `no Service "${name}"`).toBeDefined();
      expect(selects(svc!.spec.selector)).toBe(true);
      const [port] = svc!.spec.ports as { port: number; targetPort: string | number }[];
      expect(port!.port).toBe(service.port);
      expect(portNumber(container(), port!.targetPort)).toBe(service.port);
      const pdb = find(manifests, 'PodDisruptionBudget', name);
      expect(pdb, `no PodDisruptionBudget "${name}"`).toBeDefined();
      expect(selects(pdb!.spec.selector.matchLabels)).toBe(true);
      expect(deploymentSelects(deployment(), podLabels)).toBe(true);
    });
  });

  it('runs a topics Job: the declaration applied from the ingress image with replication factor 3', () => {
    const jobs = manifests.filter((m) => m.kind === 'Job');
    const job = jobs.find((m) =>
      podContainers(m).some((c) => c.command?.includes('packages/topics/dist/cli.js')),
    );
    expect(job, 'no Job runs packages/topics/dist/cli.js').toBeDefined();
    const [c] = podContainers(job!);
    expect(c!.command).toEqual(['node', 'packages/topics/dist/cli.js', 'apply']);
    expect(c!.image).toMatch(/^inlet\/ingress:/);
    expect(readRepoFile('services/ingress/Dockerfile')).toContain('/repo/packages/topics/dist');
    const { env } = containerEnvironment(c!, manifests);
    expect(env.KAFKA_REPLICATION_FACTOR).toBe('3');
    expect(env.KAFKA_BROKERS).toBeTruthy();
    expect(job!.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(job!.spec.template.spec.restartPolicy).toBe('Never');
  });

  it('gives the ingress its sources file from a ConfigMap and a Secret key for every secret it refers to', () => {
    const deployment = find(manifests, 'Deployment', 'ingress')!;
    const [c] = podContainers(deployment);
    const sources = ingressSourcesText(deployment, c!);
    expect(sources, 'INLET_SOURCES_FILE is not a mounted ConfigMap key').toBeDefined();
    const secretNames = (c!.envFrom ?? []).flatMap((ref) => (ref.secretRef ? [ref.secretRef.name] : []));
    const keys = new Set(
      secretNames.flatMap((secret) => Object.keys(find(manifests, 'Secret', secret)?.stringData ?? {})),
    );
    const refs = secretRefs(sources!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.file, 'a secret file would need its own mount').toBeUndefined();
      expect(keys, `${ref.env} is not a key of the ingress Secret`).toContain(ref.env);
    }
  });

  it('scales the ingress with a HorizontalPodAutoscaler that owns its replica count', () => {
    const hpa = manifests.find(
      (m) => m.kind === 'HorizontalPodAutoscaler' && m.spec.scaleTargetRef.name === 'ingress',
    );
    expect(hpa).toBeDefined();
    expect(hpa!.spec.scaleTargetRef.kind).toBe('Deployment');
    expect(hpa!.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(find(manifests, 'Deployment', 'ingress')!.spec.replicas).toBeUndefined();
  });
});

/** A Deployment's selector must match its own pod labels (the API refuses it otherwise). */
function deploymentSelects(deployment: Manifest, podLabels: Record<string, string>): boolean {
  const selector = deployment.spec.selector.matchLabels as Record<string, string>;
  return Object.entries(selector).every(([key, value]) => podLabels[key] === value);
}
