/** JSON Schema of the sources file (YAML or JSON). Secrets are references, never values. */

const secretRef = {
  type: 'object',
  additionalProperties: false,
  properties: {
    env: { type: 'string', minLength: 1 },
    file: { type: 'string', minLength: 1 },
    /** A rotation slot that may be empty (e.g. the previous secret after rotation finished). */
    optional: { type: 'boolean' },
  },
  oneOf: [{ required: ['env'] }, { required: ['file'] }],
} as const;

const secrets = { type: 'array', minItems: 1, items: secretRef } as const;
const tolerance = { type: 'integer', minimum: 1, maximum: 3600 } as const;
const header = { type: 'string', pattern: '^[A-Za-z0-9-]+$' } as const;

const authSchemes = [
  { properties: { scheme: { const: 'hmac' }, secrets, header }, required: ['scheme', 'secrets'] },
  { properties: { scheme: { const: 'api-key' }, secrets, header }, required: ['scheme', 'secrets'] },
  {
    properties: { scheme: { const: 'stripe' }, secrets, toleranceSeconds: tolerance },
    required: ['scheme', 'secrets'],
  },
  {
    properties: { scheme: { const: 'standard-webhooks' }, secrets, toleranceSeconds: tolerance },
    required: ['scheme', 'secrets'],
  },
  {
    properties: {
      scheme: { const: 'jwt' },
      secrets,
      jwksUrl: { type: 'string', format: 'uri' },
      issuer: { type: 'string', minLength: 1 },
      audience: { type: 'string', minLength: 1 },
      algorithms: {
        type: 'array',
        minItems: 1,
        items: { enum: ['HS256', 'HS384', 'HS512', 'RS256', 'ES256', 'PS256', 'EdDSA'] },
      },
      maxTokenAgeSeconds: { type: 'integer', minimum: 1 },
    },
    required: ['scheme', 'issuer', 'audience', 'algorithms'],
  },
  {
    properties: {
      scheme: { const: 'canvas-jwt' },
      jwksUrl: { type: 'string', format: 'uri' },
      issuer: { type: 'string', minLength: 1 },
      audience: { type: 'string', minLength: 1 },
      algorithms: { type: 'array', minItems: 1, items: { enum: ['RS256', 'RS384', 'RS512', 'ES256'] } },
      maxTokenAgeSeconds: { type: 'integer', minimum: 1 },
    },
    required: ['scheme', 'jwksUrl'],
  },
  {
    properties: { scheme: { const: 'moodle-token' }, secrets, field: { type: 'string', minLength: 1 } },
    required: ['scheme', 'secrets'],
  },
].map((branch) => ({ type: 'object', additionalProperties: false, ...branch }));

export const sourcesFileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['sources'],
  properties: {
    sources: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'family', 'auth'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
          family: { enum: ['lti', 'services', 'commerce', 'internal'] },
          auth: {
            type: 'object',
            required: ['scheme'],
            properties: {
              scheme: {
                enum: ['hmac', 'api-key', 'stripe', 'standard-webhooks', 'jwt', 'canvas-jwt', 'moodle-token'],
              },
            },
            // Chosen by `scheme`, so errors name the field of that scheme rather than every branch.
            discriminator: { propertyName: 'scheme' },
            oneOf: authSchemes,
          },
          allowIps: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
          dedupeWindowSeconds: { type: 'integer', minimum: 1, maximum: 30 * 24 * 60 * 60 },
          rateLimit: {
            type: 'object',
            additionalProperties: false,
            required: ['max'],
            properties: {
              max: { type: 'integer', minimum: 1 },
              windowSeconds: { type: 'integer', minimum: 1 },
            },
          },
        },
      },
    },
  },
} as const;

/** Which schemes each route family may use: a Stripe secret on the LTI route is a configuration mistake. */
export const schemesByFamily = {
  lti: ['hmac', 'canvas-jwt', 'moodle-token'],
  services: ['api-key', 'hmac'],
  commerce: ['stripe', 'standard-webhooks', 'hmac'],
  internal: ['jwt'],
} as const;
