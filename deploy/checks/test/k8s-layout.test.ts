// The shape of deploy/k8s as a whole: which kustomizations exist, what the platform unit holds, and that the
// example Secrets stay examples. Each service's own unit is checked in k8s.test.ts.
import { describe, expect, it } from 'vitest';
import {
  environments,
  exampleSecrets,
  find,
  isKafkaConnectionVariable,
  k8sFolder,
  kustomizations,
  manifestFiles,
  platformFolder,
  releaseUnit,
  render,
} from './support/k8s.js';
import { serviceFolders } from './support/services.js';

const services = serviceFolders();
const platformExamples = `${platformFolder}/secrets.example.yaml`;
const platform = () => render(platformFolder);

describe('deploy/k8s layout', () => {
  it('holds the platform, the common component and, per service, a base and its staging/prod overlays', () => {
    const found = new Map(kustomizations().map((k) => [k.folder, k.kind]));
    const expected = new Map<string, string>([
      [platformFolder, 'Kustomization'],
      [`${k8sFolder}/components/common`, 'Component'],
    ]);
    for (const { name } of services) {
      const unit = releaseUnit(name);
      expected.set(unit.base, 'Kustomization');
      for (const env of environments) expected.set(unit.overlays[env], 'Kustomization');
    }
    for (const [folder, kind] of expected) expect(found.get(folder), folder).toBe(kind);
    // Anything else is another unit of its own (the replay user of the CLI), never a second way to ship a service.
    const others = [...found.keys()].filter((folder) => !expected.has(folder));
    for (const folder of others) expect(folder).toMatch(new RegExp(`^${k8sFolder}/replay(/|$)`));
    // No flat manifests left at the top: each object belongs to exactly one unit.
    expect(manifestFiles().filter((file) => !file.slice(k8sFolder.length + 1).includes('/'))).toEqual([]);
  });

  it('the platform renders only the namespace (Pod Security restricted) and inlet-platform', () => {
    const objects = platform();
    expect(objects.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      'ConfigMap/inlet-platform',
      'Namespace/inlet',
    ]);
    const namespace = find(objects, 'Namespace', 'inlet')!;
    expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    const config = find(objects, 'ConfigMap', 'inlet-platform')!;
    expect(config.metadata.namespace).toBe('inlet');
    expect(config.data?.KAFKA_BROKERS).toBeTruthy();
    expect(['plaintext', 'ssl', 'sasl_plaintext', 'sasl_ssl']).toContain(
      config.data?.KAFKA_SECURITY_PROTOCOL,
    );
    for (const key of Object.keys(config.data ?? {})) {
      expect(
        key === 'KAFKA_BROKERS' || isKafkaConnectionVariable(key) || key.startsWith('OTEL_'),
        `${key} is read by no service`,
      ).toBe(true);
    }
  });

  it('example Secrets name every key with no value, and no kustomization applies them', () => {
    const files = manifestFiles().filter((file) => file.endsWith('secrets.example.yaml'));
    expect(files).toContain(platformExamples);
    for (const file of files) {
      for (const secret of exampleSecrets(file)) {
        expect(secret.kind, file).toBe('Secret');
        const values = Object.values({ ...secret.data, ...secret.stringData });
        expect(values.length, `${file}: ${secret.metadata.name} names no key`).toBeGreaterThan(0);
        expect(
          values.every((value) => value === ''),
          `${file}: an example Secret holds a value`,
        ).toBe(true);
      }
    }
    for (const { folder, resources } of kustomizations()) {
      expect(
        resources.filter((r) => r.includes('secrets.example')),
        folder,
      ).toEqual([]);
    }
  });
});
