import Type, { type Static } from 'typebox';
import { authSchemes } from './auth-schemes.js';
import { routeFamilies } from './families.js';
import { sourceIdPattern } from './routes.js';

// The sources file (YAML or JSON): the senders the ingress accepts. The TypeScript types are derived from these
// schemas, so the file's model is declared once. Secrets are references, never values.

/** Where one secret is read: an environment variable or a (mounted) file. */
export const SecretRef = Type.Object(
  {
    env: Type.Optional(Type.String({ minLength: 1 })),
    file: Type.Optional(Type.String({ minLength: 1 })),
    /** A rotation slot that may be empty (e.g. the previous secret after rotation finished). */
    optional: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, oneOf: [{ required: ['env'] }, { required: ['file'] }] },
);
export type SecretRef = Static<typeof SecretRef>;

/** Several for rotation: the current one first. */
const secrets = Type.Array(SecretRef, { minItems: 1 });
const toleranceSeconds = Type.Integer({ minimum: 1, maximum: 3600 });
const header = Type.String({ pattern: '^[A-Za-z0-9-]+$' });
const text = Type.String({ minLength: 1 });
const uri = Type.String({ format: 'uri' });
const maxTokenAgeSeconds = Type.Integer({ minimum: 1 });
const strict = { additionalProperties: false } as const;

export const HmacAuth = Type.Object(
  { scheme: Type.Literal('hmac'), secrets, header: Type.Optional(header) },
  strict,
);
export const ApiKeyAuth = Type.Object(
  { scheme: Type.Literal('api-key'), secrets, header: Type.Optional(header) },
  strict,
);
export const StripeAuth = Type.Object(
  { scheme: Type.Literal('stripe'), secrets, toleranceSeconds: Type.Optional(toleranceSeconds) },
  strict,
);
export const StandardWebhooksAuth = Type.Object(
  { scheme: Type.Literal('standard-webhooks'), secrets, toleranceSeconds: Type.Optional(toleranceSeconds) },
  strict,
);
/** A bearer JWT: HS* algorithms with `secrets`, asymmetric ones with `jwksUrl`. */
export const JwtAuth = Type.Object(
  {
    scheme: Type.Literal('jwt'),
    secrets: Type.Optional(secrets),
    jwksUrl: Type.Optional(uri),
    issuer: text,
    audience: text,
    algorithms: Type.Array(Type.Enum(['HS256', 'HS384', 'HS512', 'RS256', 'ES256', 'PS256', 'EdDSA']), {
      minItems: 1,
    }),
    maxTokenAgeSeconds: Type.Optional(maxTokenAgeSeconds),
  },
  strict,
);
/** Canvas signed Live Events: the body is a JWT whose key is found by `kid` in the JWKS at `jwksUrl`. */
export const CanvasJwtAuth = Type.Object(
  {
    scheme: Type.Literal('canvas-jwt'),
    jwksUrl: uri,
    issuer: Type.Optional(text),
    audience: Type.Optional(text),
    algorithms: Type.Optional(Type.Array(Type.Enum(['RS256', 'RS384', 'RS512', 'ES256']), { minItems: 1 })),
    maxTokenAgeSeconds: Type.Optional(maxTokenAgeSeconds),
  },
  strict,
);
export const MoodleTokenAuth = Type.Object(
  { scheme: Type.Literal('moodle-token'), secrets, field: Type.Optional(text) },
  strict,
);

/** Each scheme's settings, by scheme name: validation picks the branch by `scheme`. */
export const authSchemaByScheme = {
  hmac: HmacAuth,
  'api-key': ApiKeyAuth,
  stripe: StripeAuth,
  'standard-webhooks': StandardWebhooksAuth,
  jwt: JwtAuth,
  'canvas-jwt': CanvasJwtAuth,
  'moodle-token': MoodleTokenAuth,
} as const;

export const SourceAuth = Type.Union([
  HmacAuth,
  ApiKeyAuth,
  StripeAuth,
  StandardWebhooksAuth,
  JwtAuth,
  CanvasJwtAuth,
  MoodleTokenAuth,
]);
export type SourceAuth = Static<typeof SourceAuth>;

const sourceFields = {
  id: Type.String({ pattern: sourceIdPattern }),
  family: Type.Enum(routeFamilies),
  /** CIDRs or addresses the sender may post from; absent: anywhere. */
  allowIps: Type.Optional(Type.Array(text, { minItems: 1 })),
  /** How long identical bytes without a sender event id count as one event. */
  dedupeWindowSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 * 24 * 60 * 60 })),
  rateLimit: Type.Optional(
    Type.Object(
      { max: Type.Integer({ minimum: 1 }), windowSeconds: Type.Optional(Type.Integer({ minimum: 1 })) },
      strict,
    ),
  ),
};

/** One sender as written in the file. */
export const SourceEntry = Type.Object({ ...sourceFields, auth: SourceAuth }, strict);
export type SourceEntry = Static<typeof SourceEntry>;

export const SourcesFile = Type.Object({ sources: Type.Array(SourceEntry) }, strict);
export type SourcesFile = Static<typeof SourcesFile>;

/**
 * The file with each `auth` checked only for a known `scheme`: validated first, so that an error names the field
 * of the source's own scheme (checked next against authSchemaByScheme) rather than every scheme's branch.
 */
export const SourcesFileOutline = Type.Object(
  {
    sources: Type.Array(
      Type.Object({ ...sourceFields, auth: Type.Object({ scheme: Type.Enum(authSchemes) }) }, strict),
    ),
  },
  strict,
);
