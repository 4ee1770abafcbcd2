import { expect } from 'vitest';
import {
  containerEnvironment,
  environments,
  exampleSecrets,
  find,
  ofKind,
  platformFolder,
  podContainers,
  releaseUnit,
  render,
  type Container,
  type ReleaseUnit,
} from './k8s.js';

export const platformExamples = `${platformFolder}/secrets.example.yaml`;
export const platform = () => render(platformFolder);

/** A release unit's base and each environment's overlay, as [variant, folder] for describe.each. */
export const unitVariants = (unit: ReleaseUnit) =>
  [['base', unit.base], ...environments.map((env) => [env, unit.overlays[env]] as const)] as const;

/** The objects of one variant of a service's release unit, and the ones its checks look at. */
export function unitFixture(name: string, folder: string) {
  const unit = releaseUnit(name);
  const objects = () => render(folder);
  /** Everything the unit's pods can refer to: the unit, the platform and the documented Secrets. */
  const known = () => [
    ...objects(),
    ...platform(),
    ...exampleSecrets(unit.exampleSecrets),
    ...exampleSecrets(platformExamples),
  ];
  const deployment = () => {
    const found = find(objects(), 'Deployment', name);
    expect(found, `no Deployment "${name}" in ${folder}`).toBeDefined();
    return found!;
  };
  const podLabels = () => deployment().spec.template.metadata.labels as Record<string, string>;
  const container = () => {
    const containers = podContainers(deployment());
    expect(containers.map((c) => c.name)).toEqual([name]);
    return containers[0]!;
  };
  const env = () => containerEnvironment(container(), known()).env;
  const kafkaUser = () => {
    const users = ofKind(objects(), 'KafkaUser');
    expect(
      users.map((u) => u.metadata.name),
      'one KafkaUser per unit',
    ).toHaveLength(1);
    return users[0]!;
  };

  return { objects, known, deployment, podLabels, container, env, kafkaUser };
}

/** The port a probe or Service names, as a number (a named port is looked up on the container). */
export function portNumber(container: Container, port: string | number | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}
