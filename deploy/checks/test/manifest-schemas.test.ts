import { beforeAll, describe, expect, it } from 'vitest';
import { k8sFolder } from './support/k8s.js';
import {
  renderKustomization,
  renderableKustomizations,
  standaloneManifests,
  type RenderedObject,
} from './support/kustomize.js';
import { formatProblems, manifestProblems, type ManifestProblem } from './support/manifest-validation.js';

// Every kustomization that renders alone (the shared platform, each service's base and overlays; the old flat
// layout too), rendered exactly as `kubectl apply -k` would, then every object checked against the published
// Kubernetes, KEDA, Strimzi and Prometheus Operator schemas with unknown fields rejected.
const kustomizations = renderableKustomizations(k8sFolder);
// A few kubectl processes at a time: the machine running the tests has few cores and runs other test files too.
const renderConcurrency = 4;
const rendered = new Map<string, RenderedObject[]>();
let problems: ManifestProblem[] = [];

beforeAll(async () => {
  const renders = await mapWithConcurrency(
    kustomizations,
    renderConcurrency,
    async (folder) => [folder, await renderKustomization(folder)] as const,
  );
  for (const [folder, objects] of renders) rendered.set(folder, objects);
  problems = await manifestProblems([...renders.flatMap(([, objects]) => objects), ...standalone()]);
});

async function mapWithConcurrency<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function standalone(): RenderedObject[] {
  return standaloneManifests(k8sFolder);
}

function problemsOf(source: string): ManifestProblem[] {
  return problems.filter((problem) => problem.sources.includes(source));
}

describe(`${k8sFolder}: every rendered manifest matches its published schema`, () => {
  it('finds kustomizations to render', () => {
    expect(kustomizations.length).toBeGreaterThan(0);
  });

  it.each(kustomizations)('%s renders and every object validates', (folder) => {
    expect(rendered.get(folder)?.length ?? 0, `${folder} renders no object`).toBeGreaterThan(0);
    expect(formatProblems(problemsOf(folder))).toBe('');
  });

  it('the example manifests applied with kubectl apply -f validate too', () => {
    const files = [...new Set(standalone().map((item) => item.source))];
    expect(formatProblems(problems.filter((p) => p.sources.some((source) => files.includes(source))))).toBe(
      '',
    );
  });

  it('no problem is left unattributed', () => {
    expect(formatProblems(problems.filter((problem) => problem.sources.length === 0))).toBe('');
  });
});

// The checks above are only worth something if they fail on a broken object: each case below breaks a valid
// object in one way and expects the problem to name it.
describe('the manifest validation rejects', () => {
  const deployment = () => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'grades', namespace: 'inlet', labels: { 'app.kubernetes.io/name': 'grades' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'grades' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'grades' } },
        spec: {
          containers: [
            {
              name: 'grades',
              image: 'inlet/grades:0.1.0',
              ports: [{ name: 'http', containerPort: 8081 }],
              resources: { requests: { cpu: '100m', memory: '128Mi' } },
            },
          ],
        },
      },
    },
  });
  const scaledObject = () => ({
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: 'grades', namespace: 'inlet' },
    spec: {
      scaleTargetRef: { name: 'grades' },
      minReplicaCount: 1,
      maxReplicaCount: 6,
      triggers: [
        {
          type: 'kafka',
          metadata: { bootstrapServers: 'kafka:9092', consumerGroup: 'grades', lagThreshold: '100' },
        },
      ],
    },
  });
  const kafkaTopic = () => ({
    apiVersion: 'kafka.strimzi.io/v1beta2',
    kind: 'KafkaTopic',
    metadata: { name: 'grades.events', namespace: 'inlet', labels: { 'strimzi.io/cluster': 'inlet' } },
    spec: { partitions: 6, replicas: 3, config: { 'retention.ms': '604800000' } },
  });
  const podMonitor = () => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: { name: 'grades', namespace: 'inlet' },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': 'grades' } },
      podMetricsEndpoints: [{ port: 'http', path: '/metrics' }],
    },
  });

  const check = (object: unknown) => manifestProblems([{ source: 'case', object }]);
  const messages = async (object: unknown) => (await check(object)).map((p) => p.message);

  it('nothing in the valid objects the cases start from', async () => {
    const objects = [deployment(), scaledObject(), kafkaTopic(), podMonitor()];
    expect(await manifestProblems(objects.map((object) => ({ source: 'case', object })))).toEqual([]);
  });

  it('an unknown field nested in a container, naming its path', async () => {
    const object = deployment();
    Object.assign(object.spec.template.spec.containers[0]!, { livenessprobe: { httpGet: { path: '/' } } });
    const found = await messages(object);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^spec\.template\.spec\.containers\[0\]\.livenessprobe: .*'"livenessprobe"' does not exist in type 'IContainer'/,
    );
  });

  it('a real rendered Deployment once a field is misspelt in its container', async () => {
    const original = [...rendered.values()].flat().find((item) => {
      return (item.object as { kind?: string }).kind === 'Deployment';
    });
    expect(original, 'no kustomization renders a Deployment').toBeDefined();
    const object = structuredClone(original!.object) as ReturnType<typeof deployment>;
    expect(await messages(object)).toEqual([]);
    Object.assign(object.spec.template.spec.containers[0]!, { readinessprobe: {} });
    expect(await messages(object)).toEqual([
      expect.stringMatching(/^spec\.template\.spec\.containers\[0\]\.readinessprobe: /),
    ]);
  });

  it('an unknown top-level field', async () => {
    expect(await messages({ ...deployment(), specs: {} })).toEqual([expect.stringMatching(/^specs: /)]);
  });

  it.each([
    ['KEDA ScaledObject', () => ({ ...scaledObject(), spec: { ...scaledObject().spec, minReplicas: 1 } })],
    ['Strimzi KafkaTopic', () => ({ ...kafkaTopic(), spec: { ...kafkaTopic().spec, partition: 6 } })],
    [
      'Prometheus Operator PodMonitor',
      () => ({ ...podMonitor(), spec: { ...podMonitor().spec, endpoints: [] } }),
    ],
  ])('an unknown field in a %s', async (_name, object) => {
    expect(await messages(object())).toEqual([expect.stringMatching(/^spec\.\w+: .*does not exist in type/)]);
  });

  it('a wrong type, through the schema and the interface alike', async () => {
    const object = deployment();
    (object.spec as { replicas: unknown }).replicas = '2';
    const found = await messages(object);
    expect(found).toContain('data/spec/replicas must be integer');
    expect(found).toContainEqual(expect.stringMatching(/^spec\.replicas: .*not assignable to type 'number'/));
  });

  it('a value the schema forbids (KEDA trigger metadata are strings)', async () => {
    const object = scaledObject();
    (object.spec.triggers[0]!.metadata as Record<string, unknown>).lagThreshold = 100;
    expect(await messages(object)).toContain('data/spec/triggers/0/metadata/lagThreshold must be string');
  });

  it('an unknown kind, and an unknown API group', async () => {
    expect(await messages({ apiVersion: 'v1', kind: 'ConfigMapp', metadata: { name: 'x' } })).toEqual([
      expect.stringMatching(/^no schema for apiVersion v1 kind ConfigMapp/),
    ]);
    expect(await messages({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } })).toEqual(
      [expect.stringMatching(/^no schema for apiVersion example\.com\/v1 kind Widget/)],
    );
  });

  it('an object without apiVersion or kind', async () => {
    expect(await messages({ metadata: { name: 'x' } })).toEqual(['has no apiVersion and kind']);
  });
});
