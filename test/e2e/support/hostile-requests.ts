// Generators of hostile webhook requests for test/e2e/hostile-requests.e2e.test.ts: hostile credentials, bodies,
// URLs and query strings on every route family (the senders are in hostile-sources.ts).
import fc from 'fast-check';
import { signedHostileBody, validEvents } from './hostile-bodies.js';
import { badCredentials, signed } from './hostile-credentials.js';
import { sourceOf, type Family, type HostileRequest } from './hostile-sources.js';

export {
  bodyLimit,
  families,
  secrets,
  sourceOf,
  sourcesFile,
  type HostileRequest,
} from './hostile-sources.js';

/** The family's URL naming `id` (%-encoded unless `raw`: then as it is, broken escapes and all). */
const routePath = (family: Family, id: string, raw = false) => {
  const text = raw ? id : encodeURIComponent(id);
  return family === 'lti'
    ? `/webhooks/lti/events?source=${text}`
    : family === 'services'
      ? `/webhooks/services/${text}`
      : family === 'commerce'
        ? `/api/webhooks/${text}`
        : `/webhooks/internal/${raw ? text : 'deep_link.created'}?source=${raw ? sourceOf.internal : text}`;
};

/** URL text the router cannot decode, or path parameters past its length limit. */
const brokenUrlPart = fc.constantFrom('%', '%zz', 'a%C0%80', '%E0%A4%A', 'x'.repeat(150), 'deep_link.%ZZ');

/** Ids that match the route's pattern but name no source here, and ids the pattern refuses. */
const unknownSource = fc
  .stringMatching(/^[a-z0-9][a-z0-9-]{0,62}$/)
  .filter((id) => !Object.values(sourceOf).includes(id));
const malformedSource = fc.oneof(
  fc.string({ minLength: 1 }).filter((id) => !/^[a-z0-9][a-z0-9-]{0,62}$/.test(id)),
  fc.constantFrom('UPPER', 'a'.repeat(64), '-leading', 'ünïcode', 'a b', '..', '%00', 'a/b', '\u0000'),
);

/** Query strings the LTI and internal routes must refuse: none, repeated, arrays, junk keys. */
const hostileQuery = (family: 'lti' | 'internal') =>
  fc
    .oneof(
      fc.constant(''),
      fc.constant(`?source=${sourceOf[family]}&source=${sourceOf[family]}`),
      fc.constant(`?source[]=${sourceOf[family]}`),
      fc.constant('?source='),
      fc.constant(`?source=${sourceOf[family]}%00`),
      fc.string().map((junk) => `?source=${encodeURIComponent(junk)}x%FF`),
    )
    .filter((query) => family === 'lti' || query !== '');

export function hostileRequest(family: Family): fc.Arbitrary<{ build: () => Promise<HostileRequest> }> {
  const base = routePath(family, sourceOf[family]);
  const json = 'application/json';
  const event = JSON.stringify(validEvents[family][0]!.body());
  const options: fc.Arbitrary<{ build: () => Promise<HostileRequest> }>[] = [
    // Unsigned or badly signed, with a body that would otherwise be accepted.
    badCredentials(family, event).map((headers) => ({
      build: async () => ({
        family,
        kind: 'bad credentials',
        path: base,
        headers: await headers(),
        contentType: json,
        body: event,
      }),
    })),
    // Correctly signed, hostile bodies (weighted in the end: they reach the parser and the normalizers).
    signedHostileBody(family).map((request) => ({
      build: async () => ({
        path: base,
        ...request,
        headers: await signed(family, request.body),
      }),
    })),
    // Sources that do not exist on this route, and ids the route's pattern refuses.
    fc
      .oneof(
        unknownSource.map((id) => ['unknown source', id]),
        malformedSource.map((id) => ['bad path param', id]),
      )
      .map(([kind, id]) => ({
        build: async () => ({
          family,
          kind: kind!,
          path: routePath(family, id!),
          headers: await signed(family, event),
          contentType: json,
          body: event,
        }),
      })),
  ];
  options.push(
    brokenUrlPart.map((raw) => ({
      build: async () => ({
        family,
        kind: 'broken URL',
        path: routePath(family, raw, true),
        headers: await signed(family, event),
        contentType: json,
        body: event,
      }),
    })),
  );
  if (family === 'lti' || family === 'internal') {
    options.push(
      hostileQuery(family).map((query) => ({
        build: async () => ({
          family,
          kind: 'bad query string',
          path:
            family === 'lti'
              ? `/webhooks/lti/events${query}`
              : `/webhooks/internal/deep_link.created${query}&x`,
          headers: {},
          contentType: json,
          body: event,
        }),
      })),
    );
  }
  if (family === 'internal') {
    options.push(
      fc
        .string()
        .filter((type) => !/^[a-z_]+(\.[a-z_]+)+$/.test(type))
        .map((type) => ({
          build: async () => ({
            family,
            kind: 'bad path param',
            path: `/webhooks/internal/${encodeURIComponent(type) || '%20'}?source=${sourceOf.internal}`,
            headers: await signed(family, event),
            contentType: json,
            body: event,
          }),
        })),
    );
  }
  return fc.oneof(...options.map((arbitrary, index) => ({ arbitrary, weight: index === 1 ? 5 : 1 })));
}
