// Who may reach each service: its NetworkPolicies, in the base of its release unit and in every overlay.
import { describe, expect, it } from 'vitest';
import { ofKind, releaseUnit, selects } from './support/k8s.js';
import { portNumber, unitFixture, unitVariants } from './support/release-unit-fixture.js';
import { serviceFolders } from './support/services.js';

interface Peer {
  podSelector?: { matchLabels?: Record<string, string> };
  namespaceSelector?: { matchLabels?: Record<string, string> };
  ipBlock?: unknown;
}

describe.each(serviceFolders().map((service) => [service.name, service] as const))('%s', (name, service) => {
  describe.each(unitVariants(releaseUnit(name)))('%s', (_variant, folder) => {
    const { objects, podLabels, container } = unitFixture(name, folder);

    it(
      name === 'ingress'
        ? 'NetworkPolicy: its port is open to every source (the one entry from outside)'
        : 'NetworkPolicies: its port only from this namespace and from named pods of named namespaces',
      () => {
        const policies = ofKind(objects(), 'NetworkPolicy');
        expect(policies.length).toBeGreaterThan(0);
        const rules: { from?: Peer[]; ports?: { port?: string | number }[] }[] = [];
        for (const policy of policies) {
          expect(selects(policy.spec.podSelector.matchLabels, podLabels()), policy.metadata.name).toBe(true);
          // A podSelector that selects every pod would open or close more than this service.
          expect(policy.spec.podSelector.matchLabels?.['app.kubernetes.io/name']).toBe(name);
          expect(policy.spec.policyTypes).toContain('Ingress');
          rules.push(...(policy.spec.ingress ?? []));
        }
        for (const rule of rules) {
          expect(rule.ports?.map((p) => portNumber(container(), p.port))).toEqual([service.port]);
        }
        if (name === 'ingress') {
          expect(rules.some((rule) => rule.from === undefined || rule.from.length === 0)).toBe(true);
          return;
        }
        const peers = rules.flatMap((rule) => {
          expect(rule.from?.length, 'a rule without `from` admits every source').toBeGreaterThan(0);
          return rule.from!;
        });
        for (const peer of peers) {
          expect(peer.ipBlock, 'no address ranges').toBeUndefined();
          if (peer.namespaceSelector) {
            // Another namespace: named, and only named pods in it.
            expect(peer.namespaceSelector.matchLabels?.['kubernetes.io/metadata.name']).toBeTruthy();
            expect(Object.keys(peer.podSelector?.matchLabels ?? {}).length).toBeGreaterThan(0);
          } else {
            expect(peer.podSelector, 'a peer selects nothing').toBeDefined();
          }
        }
        expect(
          peers.some((peer) => !peer.namespaceSelector),
          'pods of namespace inlet',
        ).toBe(true);
        const namespaces = peers.flatMap((peer) =>
          peer.namespaceSelector ? [peer.namespaceSelector.matchLabels!['kubernetes.io/metadata.name']] : [],
        );
        expect(namespaces.length, 'the gateway and the monitoring namespace').toBeGreaterThanOrEqual(2);
      },
    );
  });
});
