export {
  acceptsGenericType,
  familyOfGenericType,
  genericTypesByFamily,
  isRouteFamily,
  routeFamilies,
  type RouteFamily,
} from './families.js';
export { sourceIdOf, sourceIdPattern, webhookPath, webhookRoutes, type WebhookRoute } from './routes.js';
export {
  authSchemes,
  defaultApiKeyHeader,
  defaultHmacHeader,
  defaultMoodleTokenField,
  familyAllowsScheme,
  schemesByFamily,
  type AuthScheme,
} from './auth-schemes.js';
export { authSchemaByScheme, SecretRef, SourceAuth, SourceEntry, SourcesFile } from './sources-schema.js';
export { parseSourcesFile, readSourcesFile, type ReadSourcesOptions } from './sources-file.js';
export { SourcesConfigError } from './sources-error.js';
export { describeSecretRef, readSecret, resolveSecrets } from './secrets.js';
export { hmacSignature, stripeSignature, type SignedBytes } from './signers/hmac.js';
export { standardWebhooksHeaders, type StandardWebhooksHeaders } from './signers/standard-webhooks.js';
export { signJwt, type JwtOptions, type PrivateSigningKey } from './signers/jwt.js';
export {
  SigningError,
  signWebhook,
  usesSharedSecret,
  type SignedWebhook,
  type SigningInput,
} from './signers/sign-webhook.js';
