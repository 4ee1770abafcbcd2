// Each service's release unit (deploy/k8s/<service>: base and overlays), rendered and checked object by object.
// The layout of deploy/k8s as a whole and the platform unit: k8s-layout.test.ts.
import { serviceNames, serviceTopics, topicsOwnedBy, type ServiceName } from '@inlet/topics';
import { describe, expect, it } from 'vitest';
import { readEnvSchema } from './support/config-schema.js';
import { envProblems } from './support/env-check.js';
import {
  containerEnvironment,
  exampleSecrets,
  find,
  isKafkaConnectionVariable,
  kustomizationImages,
  mountedFile,
  ofKind,
  podContainers,
  referencedObjects,
  releaseUnit,
  render,
  selects,
  type Container,
  type Manifest,
} from './support/k8s.js';
import { readRepoFile } from './support/repo.js';
import {
  platform,
  platformExamples,
  portNumber,
  unitFixture,
  unitVariants,
} from './support/release-unit-fixture.js';
import { serviceFolders, type ServiceFolder } from './support/services.js';
import { secretRefs } from './support/sources.js';

const services = serviceFolders();
const deployReadme = () => readRepoFile('deploy/README.md');
const isConsumer = (name: string): name is ServiceName => (serviceNames as readonly string[]).includes(name);

/** The sources file the ingress reads: the ConfigMap key mounted at INLET_SOURCES_FILE. */
function ingressSourcesText(
  deployment: Manifest,
  container: Container,
  known: Manifest[],
): string | undefined {
  const path = containerEnvironment(container, known).env.INLET_SOURCES_FILE;
  const file = path ? mountedFile(deployment, container, path) : undefined;
  if (!file || file.kind !== 'ConfigMap') return undefined;
  return find(known, 'ConfigMap', file.name)?.data?.[file.key];
}

describe.each(services.map((service) => [service.name, service] as const))('%s', (name, service) => {
  const unit = releaseUnit(name);

  describe.each(unitVariants(unit))('%s', (variant, folder) => {
    const { objects, known, deployment, podLabels, container, env, kafkaUser } = unitFixture(name, folder);

    it(`renders only the objects of ${name}, in the namespace inlet`, () => {
      const own = new Set(
        isConsumer(name)
          ? topicNames(name)
          : name === 'ingress'
            ? topicsOwnedBy('ingress', { replicationFactor: 3 }).map((spec) => spec.name)
            : [],
      );
      for (const object of objects()) {
        const label = `${object.kind}/${object.metadata.name}`;
        expect(object.kind, label).not.toBe('Namespace');
        expect(object.metadata.namespace, label).toBe('inlet');
        expect(object.metadata.labels?.['app.kubernetes.io/name'], label).toBe(name);
        expect(object.metadata.labels?.['app.kubernetes.io/part-of'], label).toBe('inlet');
        const objectName = object.metadata.name;
        const belongs =
          object.kind === 'KafkaTopic'
            ? own.has((object.spec?.topicName as string | undefined) ?? objectName)
            : objectName === name || objectName.startsWith(`${name}-`) || objectName === `inlet-${name}`;
        expect(belongs, `${label} is not ${name}'s`).toBe(true);
      }
    });

    it('runs its own image, with the tag its overlay sets', () => {
      const image = container().image;
      if (variant === 'base') {
        expect(image).toMatch(new RegExp(`^inlet/${name}:[^:]+$`));
        return;
      }
      const images = kustomizationImages(folder);
      // An overlay sets this service's image and no other: one team's release never moves another's.
      expect(images.map((i) => i.name)).toEqual([`inlet/${name}`]);
      const [entry] = images;
      expect(entry!.newTag, `${folder}: images[0].newTag`).toBeTruthy();
      expect(image).toBe(`${entry!.newName ?? `inlet/${name}`}:${entry!.newTag}`);
    });

    it('listens on its default port (PORT) and probes /health/live and /health/ready there', () => {
      const c = container();
      expect(c.ports?.map((p) => p.containerPort)).toEqual([service.port]);
      expect(env().PORT).toBe(String(service.port));
      expect(c.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(c.readinessProbe?.httpGet?.path).toBe('/health/ready');
      expect(portNumber(c, c.livenessProbe?.httpGet?.port)).toBe(service.port);
      expect(portNumber(c, c.readinessProbe?.httpGet?.port)).toBe(service.port);
      if (c.startupProbe) {
        expect(c.startupProbe.httpGet?.path).toBe('/health/live');
        expect(portNumber(c, c.startupProbe.httpGet?.port)).toBe(service.port);
      }
    });

    it('gets only variables its config schema or the Kafka connection reads, and every required one', () => {
      const c = container();
      const sources = ingressSourcesText(deployment(), c, known());
      const allowed = new Set([
        ...(sources ? secretRefs(sources).flatMap((ref) => (ref.env ? [ref.env] : [])) : []),
        ...Object.keys(env()).filter(isKafkaConnectionVariable),
      ]);
      expect(envProblems(env(), readEnvSchema(service.dir), allowed)).toEqual([]);
      expect(env().OTEL_SERVICE_NAME).toBe(name);
    });

    it('runs as a non-root uid without privilege escalation, root filesystem read-only, with resources', () => {
      const pod = deployment().spec.template.spec.securityContext ?? {};
      const c = container();
      const sc = c.securityContext ?? {};
      expect(sc.runAsNonRoot ?? pod.runAsNonRoot).toBe(true);
      // The image's USER is a name (node); the kubelet can enforce runAsNonRoot only with a numeric uid.
      expect(sc.runAsUser ?? pod.runAsUser).toBe(1000);
      expect(sc.allowPrivilegeEscalation).toBe(false);
      expect(sc.readOnlyRootFilesystem).toBe(true);
      expect(sc.capabilities?.drop).toEqual(['ALL']);
      expect(c.resources?.requests?.cpu).toBeTruthy();
      expect(c.resources?.requests?.memory).toBeTruthy();
      expect(c.resources?.limits?.memory).toBeTruthy();
    });

    it('runs as its own ServiceAccount, without an API token', () => {
      const pod = deployment().spec.template.spec;
      expect(pod.serviceAccountName).toBe(name);
      const account = find(objects(), 'ServiceAccount', name);
      expect(account, `no ServiceAccount "${name}"`).toBeDefined();
      expect(
        (account as unknown as { automountServiceAccountToken?: boolean }).automountServiceAccountToken,
      ).toBe(false);
      expect(pod.automountServiceAccountToken).toBe(false);
    });

    it('has a Service on its port and a PodDisruptionBudget, both selecting its pods', () => {
      expect(selects(deployment().spec.selector.matchLabels, podLabels())).toBe(true);
      const svc = find(objects(), 'Service', name);
      expect(svc, `no Service "${name}"`).toBeDefined();
      expect(selects(svc!.spec.selector, podLabels())).toBe(true);
      const [port] = svc!.spec.ports as { port: number; targetPort: string | number }[];
      expect(port!.port).toBe(service.port);
      expect(portNumber(container(), port!.targetPort)).toBe(service.port);
      const pdb = find(objects(), 'PodDisruptionBudget', name);
      expect(pdb, `no PodDisruptionBudget "${name}"`).toBeDefined();
      expect(selects(pdb!.spec.selector.matchLabels, podLabels())).toBe(true);
    });

    it('connects to Kafka as its KafkaUser: password and cluster CA mounted from their Secrets', () => {
      const user = kafkaUser();
      expect(user.spec?.authentication?.type).toBe('scram-sha-512');
      expect(env().KAFKA_SASL_MECHANISM).toBe('scram-sha-512');
      expect(env().KAFKA_SASL_USERNAME).toBe(user.metadata.name);
      // Strimzi's User Operator writes the password to a Secret named like the KafkaUser, key `password`.
      const password = mountedFile(deployment(), container(), env().KAFKA_SASL_PASSWORD_FILE ?? '');
      expect(password).toEqual({ kind: 'Secret', name: user.metadata.name, key: 'password' });
      // The cluster CA: Strimzi's `<cluster>-cluster-ca-cert`, key ca.crt, copied into namespace inlet.
      const cluster = user.metadata.labels?.['strimzi.io/cluster'];
      expect(cluster, 'the KafkaUser names no strimzi.io/cluster').toBeTruthy();
      const ca = mountedFile(deployment(), container(), env().KAFKA_SSL_CA_FILE ?? '');
      expect(ca).toEqual({ kind: 'Secret', name: `${cluster}-cluster-ca-cert`, key: 'ca.crt' });
      // Every file a Kafka setting names is mounted.
      for (const [variable, path] of Object.entries(env())) {
        if (isKafkaConnectionVariable(variable) && variable.endsWith('_FILE')) {
          expect(
            mountedFile(deployment(), container(), path),
            `${variable}=${path} is not mounted`,
          ).toBeDefined();
        }
      }
    });

    it('is scraped by a PodMonitor on port http, /metrics, with job = its name', () => {
      const monitors = ofKind(objects(), 'PodMonitor');
      expect(monitors).toHaveLength(1);
      const monitor = monitors[0]!;
      expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
      expect(monitor.metadata.labels?.release).toBe('kube-prometheus-stack');
      expect(selects(monitor.spec.selector.matchLabels, podLabels())).toBe(true);
      // The scraped `job` label is the pod's value of jobLabel: the alerts and dashboards query job="<name>".
      expect(monitor.spec.jobLabel).toBe('app.kubernetes.io/name');
      expect(podLabels()[monitor.spec.jobLabel as string]).toBe(name);
      const endpoints = monitor.spec.podMetricsEndpoints as { port?: string; path?: string }[];
      expect(endpoints.map((e) => [e.port, e.path])).toEqual([['http', '/metrics']]);
      expect(portNumber(container(), 'http')).toBe(service.port);
    });

    it('spreads its pods across zones and nodes', () => {
      const constraints = deployment().spec.template.spec.topologySpreadConstraints as {
        topologyKey: string;
        labelSelector: { matchLabels: Record<string, string> };
      }[];
      expect(constraints.map((c) => c.topologyKey).sort()).toEqual([
        'kubernetes.io/hostname',
        'topology.kubernetes.io/zone',
      ]);
      for (const c of constraints) expect(selects(c.labelSelector.matchLabels, podLabels())).toBe(true);
    });

    it('refers only to objects it renders, the platform applies, Strimzi makes, or documented Secrets', () => {
      const unitObjects = objects();
      const refs = referencedObjects(deployment());
      for (const auth of ofKind(unitObjects, 'TriggerAuthentication')) {
        for (const s of (auth.spec.secretTargetRef ?? []) as { name: string; key: string }[]) {
          refs.push({ kind: 'Secret', name: s.name, key: s.key });
        }
      }
      const documented = [...exampleSecrets(unit.exampleSecrets), ...exampleSecrets(platformExamples)];
      for (const ref of refs) {
        const label = `${ref.kind} ${ref.name}${ref.key ? ` key ${ref.key}` : ''}`;
        const applied = find([...unitObjects, ...platform()], ref.kind, ref.name);
        if (applied) {
          if (ref.key)
            expect(Object.keys({ ...applied.data, ...applied.stringData }), label).toContain(ref.key);
          continue;
        }
        expect(ref.kind, `${label} is applied by no unit`).toBe('Secret');
        if (find(unitObjects, 'KafkaUser', ref.name)) {
          expect(ref.key ?? 'password', `${label}: Strimzi's user Secret holds \`password\``).toBe(
            'password',
          );
          continue;
        }
        const example = find(documented, 'Secret', ref.name);
        expect(example, `${label}: not in ${unit.exampleSecrets} nor ${platformExamples}`).toBeDefined();
        if (ref.key)
          expect(Object.keys({ ...example!.stringData, ...example!.data }), label).toContain(ref.key);
        // Named as it is, or generically (`<service>-database`) with the service's name in its place.
        const named = [ref.name, ref.name.replace(name, '<service>')].some((n) => deployReadme().includes(n));
        expect(named, `${label}: deploy/README.md does not say how to create it`).toBe(true);
      }
    });
  });

  if (name === 'ingress') {
    it('gives the ingress its sources file from a ConfigMap and a Secret key for every secret it refers to', () => {
      const objects = render(unit.base);
      const known = [...objects, ...exampleSecrets(unit.exampleSecrets)];
      const deployment = find(objects, 'Deployment', 'ingress')!;
      const [c] = podContainers(deployment);
      const sources = ingressSourcesText(deployment, c!, known);
      expect(sources, 'INLET_SOURCES_FILE is not a mounted ConfigMap key').toBeDefined();
      const secretNames = (c!.envFrom ?? []).flatMap((ref) => (ref.secretRef ? [ref.secretRef.name] : []));
      const keys = new Set(
        secretNames.flatMap((secret) => Object.keys(find(known, 'Secret', secret)?.stringData ?? {})),
      );
      const refs = secretRefs(sources!);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        expect(ref.file, 'a secret file would need its own mount').toBeUndefined();
        expect(keys, `${ref.env} is not a key of the ingress Secret`).toContain(ref.env);
      }
    });
  }
});

it('covers the ingress and every consumer service packages/topics declares', () => {
  const names = services.map((s: ServiceFolder) => s.name).sort();
  expect(names).toEqual(['ingress', ...serviceNames].sort());
});

function topicNames(service: ServiceName): string[] {
  const topics = serviceTopics(service);
  return [topics.main, ...topics.retryTiers.map((tier) => tier.topic), topics.dlq];
}
